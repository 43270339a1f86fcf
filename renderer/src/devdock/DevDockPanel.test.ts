// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registeredStoreIds, resetAllStores } from '../stores/registry';
import { KioskError } from '../contract';
import { statePollMs, useDevDockStore } from './store';
import { mountDock, settle } from './testing/mountDock';

type Dock = Awaited<ReturnType<typeof mountDock>>;
let mounted: Dock | null = null;
async function start(language: 'ar' | 'en' = 'en'): Promise<Dock> {
  mounted = await mountDock(language);
  return mounted;
}
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
});

async function pickFaisal(d: Dock): Promise<void> {
  await d.open();
  await d.find('dev-dock-person-1000000008').trigger('click');
}

describe('the dev dock panel', () => {
  it('starts as a tab beside the kiosk and asks the core for nothing until opened', async () => {
    const d = await start();
    expect(d.find('dev-dock-open').text()).toBe('Dev dock');
    expect(d.find('dev-dock-panel').exists()).toBe(false);
    expect(document.documentElement.classList.contains('dev-dock-present')).toBe(true);
    expect(document.documentElement.classList.contains('dev-dock-open')).toBe(false);
    expect(d.dock.calls).toEqual([]);
  });

  it('opens striped "DEMO ONLY", loads the people and polls the lab at most twice a second while open', async () => {
    const d = await start();
    vi.useFakeTimers();
    await d.open();
    expect(d.find('dev-dock-panel').text()).toContain('DEMO ONLY');
    expect(document.documentElement.classList.contains('dev-dock-open')).toBe(true);
    expect(d.wrapper.findAll('[data-testid^="dev-dock-person-"]')).toHaveLength(2);
    expect(d.dock.callsOf('devDockCatalogue')).toHaveLength(1);

    const before = d.dock.callsOf('devDockState').length;
    const printerBefore = d.dock.callsOf('devDockPrinterState').length;
    for (let i = 0; i < 8; i += 1) {
      await vi.advanceTimersByTimeAsync(250);
      await settle();
    }
    const polls = d.dock.callsOf('devDockState').length - before;
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(polls).toBeLessThanOrEqual(2_000 / statePollMs);
    // The printer and ATM panels are refreshed by the same poll, not by loops of their own: one timer in all.
    expect(d.dock.callsOf('devDockPrinterState').length - printerBefore).toBe(polls);
    expect(vi.getTimerCount()).toBe(1);

    await d.find('dev-dock-close').trigger('click');
    const closedAt = d.dock.callsOf('devDockState').length;
    const printerClosedAt = d.dock.callsOf('devDockPrinterState').length;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(d.dock.callsOf('devDockState')).toHaveLength(closedAt);
    expect(d.dock.callsOf('devDockPrinterState')).toHaveLength(printerClosedAt);
    expect(d.dock.callsOf('devDockCatalogue')).toHaveLength(1);
  });

  it('finds people by name, ID number or username', async () => {
    const d = await start();
    await d.open();
    await d.find('dev-dock-search').setValue('anita');
    expect(d.wrapper.findAll('[data-testid^="dev-dock-person-"]').map((w) => w.attributes('data-testid'))).toEqual(['dev-dock-person-2991854098']);
    await d.find('dev-dock-search').setValue('1000000008');
    expect(d.wrapper.findAll('[data-testid^="dev-dock-person-"]').map((w) => w.text())).toEqual([expect.stringContaining('Faisal Alharbi')]);
    await d.find('dev-dock-search').setValue('nobody here');
    expect(d.find('dev-dock-people').text()).toContain('Nobody matches');
  });

  it("inserts the picked person's card and shows what the lab says", async () => {
    const d = await start();
    await pickFaisal(d);
    expect(d.find('dev-dock-person-1000000008').attributes('aria-pressed')).toBe('true');
    expect(d.find('dev-dock-insert-nationalId').text()).toContain('National ID');
    expect(d.find('dev-dock-insert-nationalId').text()).toContain('0008');

    d.dock.state = { ...d.dock.state, lab: d.dock.state.lab && { ...d.dock.state.lab, cardSlot: { ...d.dock.state.lab.cardSlot, heldCard: d.dock.catalogue.people[0]!.cards[0]! } } };
    await d.find('dev-dock-insert-nationalId').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockInsertCard')).toEqual([{ cardId: 'nationalId-1000000008' }]);
    expect(d.find('dev-dock-notice').text()).toContain('waits at the closed shutter');
    expect(d.find('dev-dock-lab-card-slot').attributes('data-held')).toBe('true');

    d.dock.nextOutcome = { ok: false, refusal: 'slotOccupied' };
    await d.find('dev-dock-insert-technician-1001').trigger('click');
    await settle();
    expect(d.find('dev-dock-notice').attributes('data-tone')).toBe('refused');
    expect(d.find('dev-dock-notice').text()).toBe('There is already a card in the slot.');

    d.dock.nextOutcome = { ok: true, done: 'takenBack' };
    await d.find('dev-dock-take-card').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockTakeCard')).toEqual([{}]);
  });

  it("places the right, a wrong or an unknown finger for the picked person, then lifts it", async () => {
    const d = await start();
    await d.open();
    expect(d.find('dev-dock-finger-enrolled').attributes('disabled')).toBeDefined();
    await d.find('dev-dock-person-2991854098').trigger('click');
    // Anita has no right index: the chooser falls back to her first enrolled finger.
    expect((d.find('dev-dock-finger').element as HTMLSelectElement).value).toBe('leftThumb');
    await d.find('dev-dock-finger').setValue('leftIndex');
    d.dock.nextOutcome = { ok: true, done: 'placed' };
    for (const which of ['enrolled', 'otherPerson', 'unknown']) {
      await d.find(`dev-dock-finger-${which}`).trigger('click');
      await settle();
    }
    expect(d.dock.callsOf('devDockPlaceFinger')).toEqual([
      { which: 'enrolled', personId: '2991854098', finger: 'leftIndex' },
      { which: 'otherPerson', personId: '2991854098', finger: 'leftIndex' },
      { which: 'unknown', personId: '2991854098', finger: 'leftIndex' },
    ]);

    d.dock.state = {
      ...d.dock.state,
      lab: d.dock.state.lab && { ...d.dock.state.lab, fingerprint: { ...d.dock.state.lab.fingerprint, finger: { personId: null, finger: 'leftIndex', enrolled: false } } },
    };
    await d.wrapper.vm.$nextTick();
    await useDevDockStore().refresh();
    await settle();
    expect(d.find('dev-dock-lab-fingerprint').text()).toContain('Left index, a stranger');
    expect(d.find('dev-dock-lab-fingerprint').text()).toContain('not enrolled');
    d.dock.nextOutcome = { ok: true, done: 'lifted' };
    await d.find('dev-dock-finger-lift').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockLiftFinger')).toEqual([{}]);
  });

  it('lists the SMS outbox newest first, the code picked out, messages to the picked person marked', async () => {
    const d = await start();
    d.dock.sendSms({ to: '+966565479980', purpose: 'signIn', text: 'Your code is 1111. Do not share it.', code: '1111', sentAt: '2025-05-01T09:00:00.000Z' });
    d.dock.sendSms({ to: '+966548986580', purpose: 'signIn', text: 'Your code is 4321. Do not share it.', code: '4321', sentAt: '2025-05-01T09:01:00.000Z' });
    await pickFaisal(d);
    await settle();
    const items = d.wrapper.findAll('.dev-dock__sms-item');
    expect(items.map((i) => i.find('.dev-dock__code').text())).toEqual(['4321', '1111']);
    expect(items[0]?.find('mark').text()).toBe('4321');
    expect(items.map((i) => i.attributes('data-picked'))).toEqual(['true', 'false']);
    expect(d.dock.callsOf('devDockReadSms')).toEqual([{ limit: 20 }]);

    // Read again only when central has sent something new.
    await useDevDockStore().refresh();
    expect(d.dock.callsOf('devDockReadSms')).toHaveLength(1);
    d.dock.sendSms({ to: '+966548986580', purpose: 'signIn', text: 'Your code is 9999.', code: '9999', sentAt: '2025-05-01T09:02:00.000Z' });
    await useDevDockStore().refresh();
    await settle();
    expect(d.dock.callsOf('devDockReadSms')).toHaveLength(2);
    expect(d.wrapper.findAll('.dev-dock__code').map((c) => c.text())).toEqual(['9999', '4321', '1111']);
  });

  it('offers only the faults the chosen device can have, and shows central’s current mode', async () => {
    const d = await start();
    await d.open();
    expect(d.find('dev-dock-fault-cardPulled').exists()).toBe(true);
    expect(d.find('dev-dock-fault-truncate').exists()).toBe(false);
    await d.find('dev-dock-fault-device-fingerprint').trigger('click');
    expect(d.find('dev-dock-fault-cardPulled').exists()).toBe(false);
    expect(d.find('dev-dock-fault-liftMidCapture').exists()).toBe(true);
    d.dock.nextOutcome = { ok: true, done: 'faultSet' };
    await d.find('dev-dock-fault-unplug').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockDeviceFault')).toEqual([{ device: 'fingerprint', kind: 'unplug' }]);

    expect(d.find('dev-dock-central-none').attributes('aria-pressed')).toBe('true');
    await d.find('dev-dock-central-flaky5xx').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockCentralFault')).toEqual([{ mode: 'flaky5xx' }]);
  });

  it('skips the kiosk\'s and central\'s clocks ahead by a minute or five, and says it did', async () => {
    const d = await start();
    await d.open();
    expect(d.find('dev-dock-skip-1').text()).toBe('Skip ahead 1 min');
    expect(d.find('dev-dock-skip-5').text()).toBe('Skip ahead 5 min');
    d.dock.nextOutcome = { ok: true, done: 'timeSkipped' };
    await d.find('dev-dock-skip-5').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockSkipTime')).toEqual([{ minutes: 5 }]);
    expect(d.find('dev-dock-notice').text()).toBe("The kiosk's and central's clocks moved ahead.");
  });

  it('an action whose answer was lost says "failed" once the link is back, so the operator knows the skip may not have happened', async () => {
    const d = await start();
    vi.useFakeTimers();
    await d.open();
    d.dock.failNext = new KioskError('timeout', 'the kiosk core did not answer devDockSkipTime');
    await d.find('dev-dock-skip-1').trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    expect(d.find('dev-dock-connection').text()).toBe('Not connected to the kiosk core.');
    await vi.advanceTimersByTimeAsync(statePollMs * 2);
    expect(d.find('dev-dock-connection').exists()).toBe(false);
    expect(d.find('dev-dock-notice').attributes('data-tone')).toBe('failed');
  });

  it('holds its body out of sight until the lab has answered, so no button moves under a finger as the lists fill in', async () => {
    const d = await start();
    await d.find('dev-dock-open').trigger('click');
    expect(d.find('dev-dock-panel').attributes('data-loaded')).toBe('false');
    expect(d.wrapper.find('.dev-dock__body').classes()).toContain('dev-dock__body--loading');
    expect(d.find('dev-dock-loading').text()).toBe('Loading the lab…');
    await settle();
    expect(d.find('dev-dock-panel').attributes('data-loaded')).toBe('true');
    expect(d.wrapper.find('.dev-dock__body').classes()).not.toContain('dev-dock__body--loading');
    expect(d.find('dev-dock-loading').exists()).toBe(false);
  });

  it('says so and stops asking when the core refuses the dock (a production core)', async () => {
    const d = await start();
    d.dock.refuse = true;
    vi.useFakeTimers();
    await d.open();
    expect(d.find('dev-dock-connection').text()).toBe('The dev dock is not available on this kiosk.');
    const calls = d.dock.calls.length;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(d.dock.calls).toHaveLength(calls);
  });

  it('speaks Arabic when the kiosk does, with card numbers kept left to right', async () => {
    const d = await start('ar');
    expect(d.find('dev-dock-open').text()).toBe('لوحة التطوير');
    await pickFaisal(d);
    expect(d.find('dev-dock-panel').text()).toContain('للعرض التجريبي فقط');
    expect(d.find('dev-dock-person-1000000008').text()).toContain('فيصل الحربي');
    expect(d.find('dev-dock-insert-nationalId').text()).toBe('أدخل الهوية الوطنية \u2066…0008\u2069');
  });

  it('keeps its store out of the kiosk’s: not registered for the session wipe, not reset by it', async () => {
    const d = await start();
    await pickFaisal(d);
    expect(registeredStoreIds(d.pinia)).not.toContain('devDock');
    expect(Object.keys(d.pinia.state.value)).not.toContain('devDock');
    resetAllStores(d.pinia);
    expect(useDevDockStore().selectedId).toBe('1000000008');
  });

  it('gives the kiosk its room back when it goes', async () => {
    const d = await start();
    await d.open();
    d.unmount();
    mounted = null;
    expect(document.documentElement.classList.contains('dev-dock-present')).toBe(false);
    expect(document.documentElement.classList.contains('dev-dock-open')).toBe(false);
  });
});
