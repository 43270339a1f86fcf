import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import type { Pinia } from 'pinia';
import KioskApp from '../src/KioskApp.vue';
import { bindHostToStores } from '../src/app/bindHost';
import { createKioskI18n } from '../src/app/i18n';
import { installKioskHost } from '../src/host';
import { storeRegistry } from '../src/stores/registry';
import { createFakeKiosk } from './fakeCore';

/** Lets the in-memory channel deliver (each hop is a microtask) and Vue re-render. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 6; i += 1) await flushPromises();
}

export function createTestPinia(): Pinia {
  const pinia = createPinia();
  pinia.use(storeRegistry);
  // Pinia applies plugins only once installed in an app.
  createApp({}).use(pinia);
  return pinia;
}

/** The whole app against a fake core, as the kiosk runs it. */
export async function mountKiosk() {
  const { core, host } = createFakeKiosk();
  installKioskHost(host);
  const pinia = createTestPinia();
  const reloads = { count: 0 };
  const unbind = bindHostToStores(host, pinia, () => void (reloads.count += 1));
  const i18n = createKioskI18n();
  const app = document.createElement('div');
  app.id = 'app';
  document.body.append(app);
  const wrapper = mount(KioskApp, { global: { plugins: [pinia, i18n] }, attachTo: app });
  await settle();
  return {
    core,
    host,
    pinia,
    i18n,
    wrapper,
    reloads,
    unmount() {
      wrapper.unmount();
      unbind();
      host.close();
      app.remove();
      document.documentElement.removeAttribute('lang');
      document.documentElement.className = '';
    },
  };
}
