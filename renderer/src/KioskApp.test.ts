// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountKiosk, settle } from '../test/mountKiosk';

type Kiosk = Awaited<ReturnType<typeof mountKiosk>>;
let kiosk: Kiosk | null = null;

async function start(): Promise<Kiosk> {
  kiosk = await mountKiosk();
  return kiosk;
}

afterEach(() => {
  vi.useRealTimers();
  kiosk?.unmount();
  kiosk = null;
});

const byTestId = (k: Kiosk, id: string) => k.wrapper.find(`[data-testid="${id}"]`);
const arabicLetters = /[\u0600-\u06ff]/;

async function touchToStart(k: Kiosk): Promise<void> {
  await byTestId(k, 'attract-start').trigger('click');
  await settle();
}

/** Types through the on-screen keyboard, key by key, as a person would. */
async function typeOnKeyboard(k: Kiosk, text: string): Promise<void> {
  for (const char of text) {
    const key = document.querySelector<HTMLElement>(`[data-testid="keyboard"] [data-skbtn="${char}"]`);
    if (!key) throw new Error(`no key for ${char}`);
    key.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    key.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
  }
  await settle();
}

describe('the kiosk screens', () => {
  it('marks the page ready once the first snapshot is drawn, on the attract screen', async () => {
    const k = await start();
    expect(document.getElementById('app')?.dataset.ready).toBe('true');
    expect(byTestId(k, 'screen-attract').exists()).toBe(true);
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
  });

  it('starts a session on the first touch and shows the services menu', async () => {
    const k = await start();
    await touchToStart(k);
    expect(k.core.calls.map((c) => c.procedure)).toContain('startSession');
    expect(byTestId(k, 'screen-services').exists()).toBe(true);
    expect(k.wrapper.findAll('[data-testid^="service-"][data-available]')).toHaveLength(13);
  });

  it('flips direction and every visible string when the language changes', async () => {
    const k = await start();
    await touchToStart(k);
    const arabicText = k.wrapper.text();
    await byTestId(k, 'toggle-language').trigger('click');
    await settle();
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.documentElement.lang).toBe('en');
    const switcher = byTestId(k, 'toggle-language').text();
    expect(k.wrapper.text().replace(switcher, '')).not.toMatch(arabicLetters);
    expect(k.wrapper.text()).not.toBe(arabicText);

    await byTestId(k, 'toggle-language').trigger('click');
    await settle();
    expect(document.documentElement.dir).toBe('rtl');
    expect(k.wrapper.text().replace(byTestId(k, 'toggle-language').text(), '')).not.toMatch(/[A-Za-z]/);
  });

  it('explains an unavailable service when it is tapped, with its reason in words', async () => {
    const k = await start();
    await touchToStart(k);
    const tile = byTestId(k, 'service-activate');
    expect(tile.attributes('data-available')).toBe('false');
    expect(tile.text()).toContain('غير متاحة');
    expect(tile.find('svg').exists()).toBe(true);
    await tile.trigger('click');
    await settle();
    const info = byTestId(k, 'explain-dialog');
    expect(info.exists()).toBe(true);
    expect(info.attributes('role')).toBe('dialog');
    expect(info.attributes('aria-modal')).toBe('true');
    expect(info.text()).toContain('غير متاحة في هذا الجهاز حاليًا');
    expect(info.text()).toContain('920020405');
    await byTestId(k, 'explain-ok').trigger('click');
    await settle();
    expect(byTestId(k, 'explain-dialog').exists()).toBe(false);
  });

  it('types into the search field from the on-screen keyboard and filters the tiles', async () => {
    const k = await start();
    await touchToStart(k);
    const search = byTestId(k, 'service-search');
    expect(search.attributes('inputmode')).toBe('none');
    expect(search.attributes('autocomplete')).toBe('off');
    await search.trigger('focus');
    await settle();
    expect(byTestId(k, 'keyboard').exists()).toBe(true);

    await typeOnKeyboard(k, 'تفعيل');
    expect((search.element as HTMLInputElement).value).toBe('تفعيل');
    const shown = k.wrapper.findAll('li').filter((li) => (li.element as HTMLElement).style.display !== 'none');
    expect(shown.map((li) => li.find('button').attributes('data-testid'))).toEqual(['service-activate']);
  });

  it('counts the idle warning down on the core clock', async () => {
    const k = await start();
    await touchToStart(k);
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    k.core.warn(20_000);
    await settle();
    const countdown = () => byTestId(k, 'idle-countdown').text();
    expect(byTestId(k, 'idle-warning').attributes('role')).toBe('alertdialog');
    expect(countdown()).toContain('20');
    vi.advanceTimersByTime(5_000);
    await settle();
    expect(countdown()).toContain('15');
    vi.advanceTimersByTime(30_000);
    await settle();
    expect(countdown()).not.toMatch(/[1-9]/);
  });

  it('keeps the session and the typed text when the person asks for more time', async () => {
    const k = await start();
    await touchToStart(k);
    await byTestId(k, 'service-search').setValue('visa');
    k.core.warn(20_000);
    await settle();
    await byTestId(k, 'idle-more-time').trigger('click');
    await settle();
    expect(k.core.calls.map((c) => c.procedure)).toContain('extendSession');
    expect(byTestId(k, 'idle-warning').exists()).toBe(false);
    expect((byTestId(k, 'service-search').element as HTMLInputElement).value).toBe('visa');
  });

  it('wipes everything of the session when the core ends it', async () => {
    const k = await start();
    await touchToStart(k);
    await byTestId(k, 'toggle-language').trigger('click');
    await byTestId(k, 'toggle-contrast').trigger('click');
    await byTestId(k, 'toggle-large-text').trigger('click');
    await settle();
    await byTestId(k, 'service-search').trigger('focus');
    await settle();
    await typeOnKeyboard(k, 'abc');
    expect(document.documentElement.classList.contains('theme-high-contrast')).toBe(true);
    expect(document.body.innerHTML).toContain('abc');

    k.core.warn(1_000);
    await settle();
    expect(byTestId(k, 'idle-warning').exists()).toBe(true);
    k.core.end('timeout');
    await settle();

    expect(byTestId(k, 'screen-attract').exists()).toBe(true);
    expect(byTestId(k, 'idle-warning').exists()).toBe(false);
    expect(document.querySelector('input')).toBeNull();
    expect(document.body.innerHTML).not.toContain('abc');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.classList.contains('theme-high-contrast')).toBe(false);
    expect(document.documentElement.classList.contains('text-large')).toBe(false);
    expect(JSON.stringify(k.pinia.state.value)).not.toContain('abc');
    expect(window.__kioskDebug?.storeState()).toMatchObject({ serviceMenu: { query: '' }, navigation: { current: 'attract' } });
  });

  it('asks before ending the session from the top bar', async () => {
    const k = await start();
    await touchToStart(k);
    await byTestId(k, 'nav-home').trigger('click');
    await settle();
    expect(byTestId(k, 'end-session-dialog').exists()).toBe(true);
    expect(k.core.calls.map((c) => c.procedure)).not.toContain('endSession');
    await byTestId(k, 'end-session-confirm').trigger('click');
    await settle();
    expect(k.core.calls.find((c) => c.procedure === 'endSession')?.input).toEqual({ reason: 'cancel' });
    expect(byTestId(k, 'screen-attract').exists()).toBe(true);
  });

  it('goes to help and back', async () => {
    const k = await start();
    k.core.availableServices.add('register').add('signIn');
    k.core.push();
    await touchToStart(k);
    await byTestId(k, 'nav-help').trigger('click');
    await settle();
    expect(byTestId(k, 'screen-help').text()).toContain('00966114618666');
    // Help lists what this kiosk offers now, from the same list as the services menu.
    const offered = byTestId(k, 'help-offered').findAll('li').map((item) => item.attributes('data-service'));
    const services = k.core.snapshot().services;
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((id) => services.some((s) => s.id === id && s.available))).toBe(true);
    const unavailable = services.find((s) => !s.available);
    expect(unavailable && offered.includes(unavailable.id), 'a service this kiosk cannot do is not offered in help').toBe(false);
    await byTestId(k, 'nav-back').trigger('click');
    await settle();
    expect(byTestId(k, 'screen-services').exists()).toBe(true);
    expect(byTestId(k, 'nav-back').exists()).toBe(false);
  });

  it('shows the out-of-service screen in both languages with the reason and support numbers', async () => {
    const k = await start();
    k.core.setAppState({ state: 'unavailable', reason: 'central' });
    await settle();
    const screen = byTestId(k, 'screen-out-of-service');
    expect(screen.text()).toContain('لا يوجد اتصال بخدمات البوابة حاليًا');
    expect(screen.text()).toContain("can't reach the portal's services");
    expect(screen.text()).toContain('920020405');
    expect(byTestId(k, 'toggle-language').exists()).toBe(false);
  });

  it('ignores a late snapshot older than the one on screen', async () => {
    const k = await start();
    await touchToStart(k);
    const stale = { ...k.core.snapshot(), revision: 0, session: null };
    k.core.push();
    await settle();
    // Delivered out of order: must not end the session on screen.
    k.core.deliver(stale);
    await settle();
    expect(byTestId(k, 'screen-services').exists()).toBe(true);
  });

  it('removes its listeners and timers when unmounted', async () => {
    const added = vi.spyOn(document, 'addEventListener');
    const removed = vi.spyOn(document, 'removeEventListener');
    const k = await start();
    await touchToStart(k);
    await byTestId(k, 'service-search').trigger('focus');
    await settle();
    k.core.warn(20_000);
    await settle();
    k.unmount();
    kiosk = null;
    const count = (spy: typeof added) => spy.mock.calls.map((call) => `${call[0]}`).sort();
    expect(count(removed)).toEqual(expect.arrayContaining(count(added)));
    expect((window as unknown as { SimpleKeyboardInstances?: object }).SimpleKeyboardInstances).toEqual({});
    added.mockRestore();
    removed.mockRestore();
  });
});

describe('the debug hook for end-to-end tests', () => {
  it('exists only while the core runs the demo profile', async () => {
    const k = await start();
    expect(window.__kioskDebug?.storeState()).toHaveProperty('session');
    k.core.profile = 'production';
    k.core.push();
    await settle();
    expect(window.__kioskDebug).toBeUndefined();
  });
});

describe('a reload asked for by a technician or the central side', () => {
  it('wipes the session first, then reloads', async () => {
    const k = await start();
    await touchToStart(k);
    await byTestId(k, 'service-search').setValue('visa');
    k.core.requestReload();
    await settle();
    expect(k.reloads.count).toBe(1);
    expect(JSON.stringify(k.pinia.state.value)).not.toContain('"visa"');
  });
});
