import { mount } from '@vue/test-utils';
import { installKioskHost } from '../../host';
import { createKioskI18n } from '../../app/i18n';
import { createTestPinia, settle } from '../../../test/mountKiosk';
import DevDockPanel from '../DevDockPanel.vue';
import { forgetDevDockPinia } from '../dockPinia';
import { createDockTestHost } from './fakeDevDock';

/** The dock on its own, in the kiosk's i18n and app Pinia, against the fake lab. */
export async function mountDock(language: 'ar' | 'en' = 'en') {
  forgetDevDockPinia();
  const { core, dock, host } = createDockTestHost();
  installKioskHost(host);
  const pinia = createTestPinia();
  const i18n = createKioskI18n();
  i18n.global.locale.value = language;
  const wrapper = mount(DevDockPanel, { global: { plugins: [pinia, i18n] }, attachTo: document.body });
  await settle();
  return {
    core,
    dock,
    host,
    pinia,
    wrapper,
    find: (testId: string) => wrapper.find(`[data-testid="${testId}"]`),
    async open() {
      await wrapper.find('[data-testid="dev-dock-open"]').trigger('click');
      await settle();
    },
    unmount() {
      wrapper.unmount();
      host.close();
    },
  };
}

export { settle };
