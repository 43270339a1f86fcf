import { defineAsyncComponent } from 'vue';

/**
 * The dev dock, or null in a production build: with the flag false the
 * bundler drops the `import()` and never emits the dock's chunk. KioskApp
 * still mounts it only while the core reports the demo profile. `typeof`
 * because a bundle made without the define at all should get no dock either,
 * rather than a ReferenceError.
 */
export const DevDockPanel =
  typeof __KIOSK_DEV_DOCK__ === 'boolean' && __KIOSK_DEV_DOCK__ ? defineAsyncComponent(() => import('./DevDockPanel.vue')) : null;
