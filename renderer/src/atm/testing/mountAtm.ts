import { mount } from '@vue/test-utils';
import { vi } from 'vitest';
import KioskApp from '../../KioskApp.vue';
import { bindHostToStores } from '../../app/bindHost';
import { createKioskI18n } from '../../app/i18n';
import { installKioskHost } from '../../host';
import { createTestPinia, settle } from '../../../test/mountKiosk';
import { createFakeAtm } from './fakeAtmCore';

/** The whole app against a fake core in ATM mode, as an ATM runs it. */
export async function mountAtm() {
  const { core, host } = createFakeAtm();
  installKioskHost(host);
  const pinia = createTestPinia();
  const unbind = bindHostToStores(host, pinia, () => undefined);
  const i18n = createKioskI18n();
  const app = document.createElement('div');
  app.id = 'app';
  document.body.append(app);
  const wrapper = mount(KioskApp, { global: { plugins: [pinia, i18n] }, attachTo: app });
  await settle();
  // The ATM app is its own chunk: let it load.
  await vi.waitFor(
    () => {
      if (!wrapper.find('[data-testid="screen-atm"]').exists()) throw new Error('the ATM app is not drawn yet');
    },
    { timeout: 15_000, interval: 20 },
  );
  await settle();
  const find = (testId: string) => wrapper.find(`[data-testid="${testId}"]`);
  return {
    core,
    host,
    pinia,
    wrapper,
    find,
    /** The choice beside this FDK, if any. */
    choiceAt: (fdk: string) => wrapper.find(`[data-fdk="${fdk}"]`),
    journeyEvents: () => core.calls.filter((c) => c.procedure === 'journeyEvent').map((c) => c.input),
    unmount() {
      wrapper.unmount();
      unbind();
      host.close();
      app.remove();
      document.documentElement.removeAttribute('lang');
      document.documentElement.removeAttribute('dir');
      document.documentElement.className = '';
    },
  };
}

export { settle };
