// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountKiosk, settle } from '../../test/mountKiosk';

type Kiosk = Awaited<ReturnType<typeof mountKiosk>>;
let kiosk: Kiosk | null = null;
afterEach(() => {
  kiosk?.unmount();
  kiosk = null;
});

const byTestId = (k: Kiosk, id: string) => k.wrapper.find(`[data-testid="${id}"]`);
const shown = (k: Kiosk, id: string) => (byTestId(k, id).element as HTMLElement).style.display !== 'none';

async function onServices(): Promise<Kiosk> {
  kiosk = await mountKiosk();
  await byTestId(kiosk, 'attract-start').trigger('click');
  await settle();
  return kiosk;
}

/**
 * The top bar is one row at every screen shape: text size, contrast, speech
 * and volume sit behind one "accessibility" button, one touch from any
 * screen; the language switch stays in the bar itself.
 */
describe('the accessibility button in the top bar', () => {
  it('shows the text size, contrast and speech toggles when touched, and says so with aria-expanded', async () => {
    const k = await onServices();
    const button = byTestId(k, 'toggle-accessibility');
    expect(button.text()).toBe('سهولة الاستخدام');
    expect(button.attributes('aria-expanded')).toBe('false');
    expect(shown(k, 'accessibility-controls')).toBe(false);
    expect(button.attributes('aria-controls')).toBe(byTestId(k, 'accessibility-controls').attributes('id'));

    await button.trigger('click');
    expect(button.attributes('aria-expanded')).toBe('true');
    expect(shown(k, 'accessibility-controls')).toBe(true);
    for (const id of ['toggle-large-text', 'toggle-contrast', 'toggle-speech']) expect(byTestId(k, 'accessibility-controls').find(`[data-testid="${id}"]`).exists()).toBe(true);
    // The language switch is not behind it.
    expect(byTestId(k, 'accessibility-controls').find('[data-testid="toggle-language"]').exists()).toBe(false);
    expect(byTestId(k, 'toggle-language').isVisible()).toBe(true);

    // Stays open while the person tries the toggles: large text is one more touch.
    await byTestId(k, 'toggle-large-text').trigger('click');
    await settle();
    expect(document.documentElement.classList.contains('text-large')).toBe(true);
    expect(button.attributes('aria-expanded')).toBe('true');

    await button.trigger('click');
    expect(button.attributes('aria-expanded')).toBe('false');
    expect(shown(k, 'accessibility-controls')).toBe(false);
  });

  it('closes on Escape and gives the focus back to the button', async () => {
    const k = await onServices();
    await byTestId(k, 'toggle-accessibility').trigger('click');
    await byTestId(k, 'toggle-contrast').trigger('keydown', { key: 'Escape' });
    await settle();
    expect(byTestId(k, 'toggle-accessibility').attributes('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(byTestId(k, 'toggle-accessibility').element);
  });

  it('is put away when the person moves to another screen, and is closed for the next person', async () => {
    const k = await onServices();
    await byTestId(k, 'toggle-accessibility').trigger('click');
    await byTestId(k, 'nav-help').trigger('click');
    await settle();
    expect(byTestId(k, 'screen-help').exists()).toBe(true);
    expect(byTestId(k, 'toggle-accessibility').attributes('aria-expanded')).toBe('false');

    await byTestId(k, 'toggle-accessibility').trigger('click');
    k.core.end('timeout');
    await settle();
    expect(byTestId(k, 'screen-attract').exists()).toBe(true);
    expect(byTestId(k, 'toggle-accessibility').attributes('aria-expanded')).toBe('false');
  });

  it('stays open on the attract screen when a toggle there starts the session, so the next toggle is one touch away', async () => {
    const k = (kiosk = await mountKiosk());
    await byTestId(k, 'toggle-accessibility').trigger('click');
    await settle();
    await byTestId(k, 'toggle-large-text').trigger('click');
    await settle();
    // The toggle started a session (as the real core does for a setting touched on the attract screen).
    expect(k.core.calls.map((c) => c.procedure)).toContain('setAccessibility');
    expect(byTestId(k, 'toggle-accessibility').attributes('aria-expanded')).toBe('true');
    expect(shown(k, 'accessibility-controls')).toBe(true);
  });
});
