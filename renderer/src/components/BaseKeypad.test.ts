// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createKioskI18n } from '../app/i18n';
import BaseKeypad from './BaseKeypad.vue';

describe('BaseKeypad', () => {
  it('types digits, deletes and clears, with keys big enough to touch', async () => {
    const wrapper = mount(BaseKeypad, { props: { modelValue: '' }, global: { plugins: [createKioskI18n()] }, attachTo: document.body });
    const press = (key: string) => {
      const button = (wrapper.element as HTMLElement).querySelector<HTMLElement>(`[data-skbtn="${key}"]`);
      button?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      button?.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    };
    expect(wrapper.findAll('[data-skbtn]').map((b) => b.attributes('data-skbtn'))).not.toContain('{hide}');
    press('1');
    press('0');
    press('5');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['105']);
    press('{bksp}');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['10']);
    press('{clear}');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['']);
    expect(wrapper.find('[data-skbtn="{clear}"]').text()).toBe('مسح');
    wrapper.unmount();
  });

  it('Delete and Clear each show an icon and their word, in Arabic and in English; the word names the key', async () => {
    const i18n = createKioskI18n();
    const wrapper = mount(BaseKeypad, { props: { modelValue: '' }, global: { plugins: [i18n] }, attachTo: document.body });
    const key = (name: string) => wrapper.find(`[data-skbtn="${name}"]`);
    for (const [language, words] of [
      ['ar', { '{bksp}': 'حذف', '{clear}': 'مسح' }],
      ['en', { '{bksp}': 'Delete', '{clear}': 'Clear' }],
    ] as const) {
      i18n.global.locale.value = language;
      await nextTick();
      for (const [name, word] of Object.entries(words)) {
        expect(key(name).find('.kiosk-key__word').text(), `${name} in ${language}`).toBe(word);
        expect(key(name).find('svg.kiosk-key__icon').attributes('aria-hidden')).toBe('true');
        expect(key(name).text()).toBe(word);
      }
    }
    // Two different pictures: one key never looks like the other.
    expect(key('{bksp}').find('svg').html()).not.toBe(key('{clear}').find('svg').html());
    wrapper.unmount();
  });
});
