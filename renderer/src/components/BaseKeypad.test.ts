// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
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
});
