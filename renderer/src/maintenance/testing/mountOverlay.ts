import { mount } from '@vue/test-utils';
import { setActivePinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { createKioskI18n } from '../../app/i18n';
import { createMaintenanceI18n } from './maintenanceI18n';
import { createMemoryChannelPair, KioskError } from '../../contract';
import type { KioskSnapshot, MaintenanceView } from '../../contract';
import { installKioskHost } from '../../host';
import { createFakeHost } from '../../host/fakeHost';
import { provideKioskSpeech } from '../../speech/useKioskSpeech';
import type { SpeechEngine } from '../../speech/speechEngine';
import { useSessionStore } from '../../stores/session';
import { FakeCore } from '../../../test/fakeCore';
import { createTestPinia } from '../../../test/mountKiosk';
import MaintenanceOverlay from '../MaintenanceOverlay.vue';

export const pinView = (language: 'ar' | 'en', attemptsLeft: number): MaintenanceView => ({
  phase: 'pin',
  entry: 'card',
  language,
  technicianId: '1001',
  pinError: 'wrong',
  attemptsLeft,
  lockedUntil: null,
  retryAt: null,
  signedIn: null,
  outOfService: false,
  busyAction: null,
  lastAction: null,
});

/**
 * The overlay against a fake core whose actions are refused (`not_allowed`),
 * showing `view`; with `speech`, inside the app's speech mode on that engine.
 * Its messages are in the i18n it mounts with, unless `lazyMessages` (as in the app: the overlay loads them).
 */
export function mountOverlay(view: MaintenanceView, options: { speech?: SpeechEngine; lazyMessages?: boolean } = {}) {
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const core = new FakeCore();
  let revision = 1;
  let showing = view;
  const snapshot = (): KioskSnapshot => ({ ...core.snapshot(), revision: (revision += 1), maintenance: showing });
  Object.assign(core.api, {
    maintenanceAction: async () => {
      throw new KioskError('not_allowed', 'reloadUi is still running');
    },
    maintenanceCancel: async () => snapshot(),
  });
  core.connect(coreEnd);
  const host = createFakeHost(rendererEnd);
  installKioskHost(host);
  const pinia = createTestPinia();
  setActivePinia(pinia);
  useSessionStore().applySnapshot(snapshot());
  const i18n = options.lazyMessages ? createKioskI18n() : createMaintenanceI18n();
  // As KioskApp does while the overlay is up: the page in the technician's language.
  i18n.global.locale.value = view.language;
  document.documentElement.lang = view.language;
  const { speech } = options;
  const root = speech
    ? defineComponent({
        setup() {
          provideKioskSpeech(speech);
          return () => h(MaintenanceOverlay);
        },
      })
    : MaintenanceOverlay;
  const wrapper = mount(root, { global: { plugins: [pinia, i18n] }, attachTo: document.body });
  return {
    wrapper,
    core,
    show: (next: MaintenanceView) => {
      showing = next;
      useSessionStore().applySnapshot(snapshot());
    },
    unmount: () => {
      wrapper.unmount();
      host.close();
      document.documentElement.removeAttribute('lang');
    },
  };
}

