// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DevDockAtmState } from '../contract';
import atmAr from './locales/atm.ar.json';
import atmEn from './locales/atm.en.json';
import { mountDock, settle } from './testing/mountDock';

/**
 * The dock's ATM panel against the fake lab: it shows only where an ATM
 * runs; a card, the EPP's keys and the FDKs, the faults and "activate now"
 * go to the core's dock procedures as the demo operator pressed them.
 */

type Dock = Awaited<ReturnType<typeof mountDock>>;
let mounted: Dock | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const atmState: DevDockAtmState = {
  atm: {
    position: 'inside',
    accepting: false,
    card: null,
    heldCard: null,
    retainedCards: 0,
    receiptsPrinted: 0,
    epp: { entry: 'pin', digitsEntered: 0 },
    headset: false,
    services: { CardReader: { up: true, connections: 1 }, PinPad: { up: true, connections: 1 }, Printer: { up: true, connections: 1 } },
    faults: [],
  },
  bank: { availability: 'up', decisions: [{ at: '2026-01-01T10:00:00.000Z', panLast4: '5699', format: 'iso0', outcome: 'wrongPin', triesLeft: 2 }] },
  central: { pendingActivations: [{ idNumber: '1584094989', bankCode: 'RJHI', requestedAt: '2026-01-01T10:00:00.000Z', dueAt: '2026-01-03T10:00:00.000Z' }] },
};

async function openWithAtm(): Promise<Dock> {
  mounted = await mountDock('en');
  mounted.dock.atmCatalogue = {
    hasAtm: true,
    notice: 'DEMO ONLY',
    cards: [
      { id: 'bank-4847990000000019', panLast4: '0019', bankCode: 'RJHI', holderIdMasked: '******4989', expiry: '2024-06', status: 'expired', demoPin: '2686' },
      { id: 'bank-4847485822865699', panLast4: '5699', bankCode: 'RJHI', holderIdMasked: '******4989', expiry: '2031-03', status: 'valid', demoPin: '2686' },
    ],
  };
  mounted.dock.atmState = atmState;
  mounted.dock.nextAtmOutcome = { ok: true, done: 'keysPressed', accepted: 5, ignored: 0 };
  await mounted.open();
  await settle();
  return mounted;
}

describe('the dock’s ATM panel', () => {
  it('is not there where the core runs no ATM', async () => {
    mounted = await mountDock('en');
    await mounted.open();
    await settle();
    expect(mounted.dock.callsOf('devDockAtmCatalogue')).toHaveLength(1);
    expect(mounted.find('dev-dock-atm').exists()).toBe(false);
    expect(mounted.dock.callsOf('devDockAtmState')).toHaveLength(0);
  });

  it('puts the first valid card in; types its demo PIN on the EPP; the FDKs and Enter are keys too', async () => {
    const d = await openWithAtm();
    expect((d.find('dev-dock-atm-card').element as HTMLSelectElement).value).toBe('bank-4847485822865699');
    await d.find('dev-dock-atm-insert').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockAtmInsertCard')).toEqual([{ cardId: 'bank-4847485822865699' }]);
    await d.find('dev-dock-atm-type-pin').trigger('click');
    await settle();
    await d.find('dev-dock-atm-key-fdk04').trigger('click');
    await settle();
    await d.find('dev-dock-atm-key-7').trigger('click');
    await settle();
    await d.find('dev-dock-atm-key-enter').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockAtmPressKeys')).toEqual([{ keys: '2686 enter' }, { keys: 'fdk04' }, { keys: '7' }, { keys: 'enter' }]);
    expect(d.find('dev-dock-atm-notice').text()).toBe('Keys pressed.');
  });

  it('plugs headphones into the ATM’s audio jack and takes them out again, saying which it will do', async () => {
    const d = await openWithAtm();
    const button = d.find('dev-dock-atm-headset');
    expect(button.text()).toBe('Plug headphones into the jack');
    expect(button.attributes('aria-pressed')).toBe('false');
    d.dock.nextAtmOutcome = { ok: true, done: 'headsetPlugged' };
    d.dock.atmState = { ...atmState, atm: { ...atmState.atm!, headset: true } };
    await button.trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockAtmHeadset')).toEqual([{ plugged: true }]);
    expect(d.find('dev-dock-atm-notice').text()).toBe('Headphones in: the kiosk speaks.');
    expect(d.find('dev-dock-atm-headset').text()).toBe('Unplug the headphones');
    await d.find('dev-dock-atm-headset').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockAtmHeadset')).toEqual([{ plugged: true }, { plugged: false }]);
  });

  it('shows the bank’s decisions and central’s pending activations, and "activate now" runs them', async () => {
    const d = await openWithAtm();
    expect(d.find('dev-dock-atm-decisions').text()).toContain('wrong PIN, 2 tries left');
    expect(d.find('dev-dock-atm-pending').attributes('data-count')).toBe('1');
    d.dock.nextAtmOutcome = { ok: true, done: 'activationsRun', activated: 1 };
    await d.find('dev-dock-atm-run-activations').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockRunBankActivations')).toEqual([{}]);
    await d.find('dev-dock-atm-fault-bankDown').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockAtmFault')).toEqual([{ kind: 'bankDown' }]);
  });
});

describe('the ATM panel’s messages', () => {
  const leaves = (messages: object, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(messages)) {
      if (typeof value === 'string') out.set(prefix + key, value);
      else leaves(value as object, `${prefix}${key}.`).forEach((v, k) => out.set(k, v));
    }
    return out;
  };
  const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

  it('are the same in Arabic and English, placeholders included, each in its language', () => {
    const arabic = leaves(atmAr);
    const english = leaves(atmEn);
    expect([...arabic.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      expect(placeholders(arabic.get(key) ?? ''), key).toEqual(placeholders(text));
      expect(text, key).not.toMatch(/[\u0600-\u06ff]/);
      expect(arabic.get(key), key).toMatch(/[\u0600-\u06ff]/);
    }
  });
});
