import { describe, expect, it } from 'vitest';
import type { BankCardRead } from './ports';
import type { AtmCardDesk, CardArrival } from './ports';
import { screenedCardDesk } from './screenedDesk';

const card = (pan: string): BankCardRead => ({ ok: true, card: { pan, expiry: '9912' } });

function fakeDesk() {
  const calls: string[] = [];
  let arrival: CardArrival | undefined;
  const desk: AtmCardDesk = {
    setWatching: (on, onCard) => {
      calls.push(`watch:${on}`);
      if (onCard) arrival = onCard;
    },
    clearForNextPerson: async () => void calls.push('clear'),
    setNavigating: (on) => void calls.push(`nav:${on}`),
    onNavigationKey: () => () => undefined,
  };
  return { desk, calls, arrive: (read: BankCardRead) => arrival?.(read) ?? 'nobody' };
}

describe('the ATM’s card desk with maintenance’s screen in front of the door', () => {
  it('hands each card to the screen first: what it takes never reaches the session’s door, the rest does', () => {
    const fake = fakeDesk();
    const screened = screenedCardDesk(fake.desk);
    const door: string[] = [];
    screened.desk.setWatching(true, (read) => (door.push(read.ok ? read.card.pan : 'unreadable'), true));
    // Before anything screens: straight to the door.
    expect(fake.arrive(card('4000001234567899'))).toBe(true);
    screened.screen((next) => (read) => (read.ok && read.card.pan.startsWith('9999') ? false : next(read)));
    expect(fake.arrive(card('9999010000010010'))).toBe(false);
    expect(fake.arrive(card('4000001234567899'))).toBe(true);
    expect(fake.arrive({ ok: false, code: 'card_unreadable' })).toBe(true);
    expect(door).toEqual(['4000001234567899', '4000001234567899', 'unreadable']);
  });

  it('passes the rest through as it is', async () => {
    const fake = fakeDesk();
    const { desk } = screenedCardDesk(fake.desk);
    desk.setWatching(false);
    desk.setNavigating(true);
    await desk.clearForNextPerson();
    expect(fake.calls).toEqual(['watch:false', 'nav:true', 'clear']);
    expect(desk.onHeadset).toBeUndefined();
  });
});
