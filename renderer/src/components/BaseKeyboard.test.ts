// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createKioskI18n } from '../app/i18n';
import BaseKeyboard from './BaseKeyboard.vue';

function keyboardOnPage() {
  const wrapper = mount(BaseKeyboard, { props: { modelValue: '', letters: 'en' }, global: { plugins: [createKioskI18n()] }, attachTo: document.body });
  const press = async (key: string) => {
    const button = (wrapper.element as HTMLElement).querySelector<HTMLElement>(`[data-skbtn="${key}"]`);
    expect(button, `the key ${key} is on the keyboard`).not.toBeNull();
    button?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    button?.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await nextTick();
  };
  const typed = () => wrapper.emitted('update:modelValue')?.at(-1)?.[0];
  return { wrapper, press, typed };
}

describe('BaseKeyboard: capitals as on a phone', () => {
  it('Shift capitalises the next letter only: "Kiosk2030demo" typed letter by letter is what it says', async () => {
    const { wrapper, press, typed } = keyboardOnPage();
    await press('{shift}');
    expect(wrapper.find('[data-skbtn="{shift}"]').attributes('aria-pressed')).toBe('true');
    for (const key of 'Kiosk2030demo') await press(key);
    expect(typed()).toBe('Kiosk2030demo');
    expect(wrapper.find('[data-skbtn="{shift}"]').attributes('aria-pressed')).toBe('false');
    wrapper.unmount();
  });

  it('Caps Lock keeps capitals on until pressed again, and says so', async () => {
    const { wrapper, press, typed } = keyboardOnPage();
    await press('{lock}');
    expect(wrapper.find('[data-testid="keyboard-caps-lock"]').attributes('aria-pressed')).toBe('true');
    for (const key of 'AB') await press(key);
    await press('{lock}');
    await press('c');
    expect(typed()).toBe('ABc');
    expect(wrapper.find('[data-testid="keyboard-caps-lock"]').attributes('aria-label')).toBe('كل الأحرف كبيرة');
    wrapper.unmount();
  });

  it('Shift pressed twice is off again, and switching to Arabic letters drops it', async () => {
    const { wrapper, press, typed } = keyboardOnPage();
    await press('{shift}');
    await press('{shift}');
    await press('a');
    await press('{shift}');
    await press('{lang}');
    await press('{lang}');
    await press('b');
    expect(typed()).toBe('ab');
    wrapper.unmount();
  });
});

describe('BaseKeyboard: Delete points back along the text', () => {
  it('draws the kiosk’s own backspace icon, marked to turn right for Arabic letters and left for English ones', async () => {
    const { wrapper, press } = keyboardOnPage();
    const icon = () => wrapper.find('[data-skbtn="{bksp}"] .kiosk-key__icon');
    expect(icon().classes()).toContain('kiosk-key__icon--directional');
    expect(wrapper.find('[data-testid="keyboard"]').classes()).not.toContain('kiosk-keyboard--rtl-text');
    await press('{lang}');
    expect(wrapper.find('[data-testid="keyboard"]').classes()).toContain('kiosk-keyboard--rtl-text');
    // Clear (an eraser) points nowhere: never turned.
    expect(wrapper.find('[data-skbtn="{clear}"] .kiosk-key__icon').classes()).not.toContain('kiosk-key__icon--directional');
    wrapper.unmount();
  });
});

describe('BaseKeyboard: the letters follow the screen’s language', () => {
  it('switching the screen to Arabic shows Arabic letters; the person can still switch back', async () => {
    const { wrapper, press } = keyboardOnPage();
    expect(wrapper.find('[data-skbtn="a"]').exists()).toBe(true);
    await wrapper.setProps({ letters: 'ar' });
    await nextTick();
    expect(wrapper.find('[data-skbtn="a"]').exists()).toBe(false);
    expect(wrapper.find('[data-skbtn="ض"]').exists()).toBe(true);
    await press('{lang}');
    expect(wrapper.find('[data-skbtn="a"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
