import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeBankCard, makeNationalIdCard, makeTechnicianCard } from '../lab/cards';
import { openCardSlotRig, type CardSlotRig } from './testing/ptyRig';

/** Driver against simulator over a real pty pair, 38400 8E1, no modem lines. */

const hex = (text: string): Uint8Array => Uint8Array.from(text.split(' '), (pair) => Number.parseInt(pair, 16));
const bankCard = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
const idCard = makeNationalIdCard('1000000008', '2030-12-31');

let rig: CardSlotRig;

beforeEach(async () => {
  rig = await openCardSlotRig();
});
afterEach(async () => {
  await rig.close();
});

async function cardInside(card = bankCard): Promise<void> {
  expect((await rig.slot.initialize('cardToGate')).ok).toBe(true);
  expect((await rig.slot.enableEntry('anyCard')).ok).toBe(true);
  expect(rig.simulator.insertCard(card)).toEqual({ ok: true, value: undefined });
}

describe('CardSlot over a pty pair', () => {
  it('is refused every command with B0 until it sends Initialize', async () => {
    expect(await rig.slot.status()).toMatchObject({ ok: false, error: { type: 'reader', command: 'C10', error: { code: 'B0' } } });
    expect(await rig.slot.initialize('cardToGate')).toEqual({ ok: true, value: 'noCard' });
    expect(await rig.slot.status()).toEqual({ ok: true, value: 'noCard' });
  });

  it('initialize with capture puts a card left inside into the bin', async () => {
    await cardInside();
    expect(await rig.slot.initialize('capture')).toEqual({ ok: true, value: 'noCard' });
    expect(rig.simulator.counters.retained).toBe(1);
    expect(rig.simulator.retainedCards).toEqual([bankCard]);
  });

  it('initialize with card-to-gate presents a card left inside', async () => {
    await cardInside();
    expect(await rig.slot.initialize('cardToGate')).toEqual({ ok: true, value: 'atGate' });
    expect(rig.simulator.state).toBe('atGate');
  });

  it('opens and closes the entry shutter', async () => {
    await rig.slot.initialize('cardToGate');
    expect(await rig.slot.enableEntry('magneticOnly')).toEqual({ ok: true, value: 'noCard' });
    expect(rig.simulator.entryMode).toBe('magneticOnly');
    expect(rig.simulator.insertCard(idCard)).toEqual({ ok: false, error: { type: 'rejectedNoStripe' } });
    expect(await rig.slot.disableEntry()).toEqual({ ok: true, value: 'noCard' });
    expect(rig.simulator.insertCard(bankCard)).toEqual({ ok: false, error: { type: 'entryDisabled' } });
  });

  it('waits for a card by polling status until it is inside', async () => {
    await rig.slot.initialize('cardToGate');
    await rig.slot.enableEntry('anyCard');
    const waiting = rig.slot.waitForCard({ pollMs: 20 });
    setTimeout(() => rig.simulator.insertCard(bankCard), 60);
    expect(await waiting).toEqual({ ok: true, value: 'inside' });
    expect(rig.simulator.counters.inserted).toBe(1);
  });

  it('stops waiting for a card when the signal aborts', async () => {
    await rig.slot.initialize('cardToGate');
    const controller = new AbortController();
    const waiting = rig.slot.waitForCard({ pollMs: 20, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await waiting).toEqual({ ok: false, error: { type: 'aborted' } });
    // The link is still usable afterwards.
    expect(await rig.slot.status()).toEqual({ ok: true, value: 'noCard' });
  });

  it('reads tracks 1 and 2 as text and reports track 3 as noData (error 24)', async () => {
    await cardInside();
    expect(await rig.slot.readTracks([1, 2, 3])).toEqual({
      ok: true,
      value: {
        1: { ok: true, value: 'B4111111111111111^DOE/JOHN^301220100000000' },
        2: { ok: true, value: '4111111111111111=301220100000000' },
        3: { ok: false, error: { type: 'noData' } },
      },
    });
  });

  it('refuses to read tracks with no card inside, as a reader error', async () => {
    await rig.slot.initialize('cardToGate');
    expect(await rig.slot.readTracks([2])).toMatchObject({ ok: false, error: { type: 'reader', command: 'C62', error: { code: '02' } } });
  });

  it('talks to the chip: move to IC, ATR, APDUs over T=1 and T=0, deactivate, release', async () => {
    await cardInside(idCard);
    expect(await rig.slot.moveToIc()).toEqual({ ok: true, value: 'inside' });
    expect(await rig.slot.iccActivate()).toEqual({ ok: true, value: idCard.chip?.atr });
    expect(await rig.slot.apdu(hex('00 a4 04 0c 08 f0 4b 49 4f 53 4b 49 44'), 'T1')).toEqual({ ok: true, value: hex('90 00') });
    expect(await rig.slot.apdu(hex('00 a4 02 0c 02 01 01'), 'auto')).toEqual({ ok: true, value: hex('90 00') });
    // The ATR offered T=1: a T=0 exchange is the wrong protocol (error 62), and the chip stays active.
    expect(await rig.slot.apdu(hex('00 a4 02 0c 02 01 01'), 'T0')).toMatchObject({ ok: false, error: { error: { code: '62', reason: 'iccProtocolMismatch' } } });
    expect(await rig.slot.apdu(hex('00 b0 00 00 02'), 'T1')).toEqual({ ok: true, value: hex('70 19 90 00') });
    expect(await rig.slot.iccDeactivate()).toEqual({ ok: true, value: undefined });
    expect(await rig.slot.releaseIc()).toEqual({ ok: true, value: 'inside' });
  });

  it('reports a card without a chip as ICC error 61 (no answer to reset) on activation', async () => {
    await cardInside(makeTechnicianCard('7'));
    await rig.slot.moveToIc();
    expect(await rig.slot.iccActivate()).toMatchObject({ ok: false, error: { type: 'reader', error: { code: '61', known: true, reason: 'atrError' } } });
  });

  it('ejects to the gate, and sees the card taken', async () => {
    await cardInside();
    expect(await rig.slot.ejectToGate()).toEqual({ ok: true, value: 'atGate' });
    expect(rig.simulator.counters.ejected).toBe(1);
    setTimeout(() => rig.simulator.takeCard(), 50);
    expect(await rig.slot.waitForRemoval({ timeoutMs: 5_000, pollMs: 20 })).toEqual({ ok: true, value: 'taken' });
    expect(rig.simulator.state).toBe('noCard');
  });

  it('pulls a card at the gate back inside with retrieve', async () => {
    await cardInside();
    await rig.slot.ejectToGate();
    expect(await rig.slot.retrieve()).toEqual({ ok: true, value: 'inside' });
    expect(rig.simulator.takeCard()).toEqual({ ok: false, error: { type: 'noCardAtGate' } });
  });

  it('retains a card into the rear bin', async () => {
    await cardInside();
    expect(await rig.slot.retainCard()).toEqual({ ok: true, value: 'noCard' });
    expect(rig.simulator.state).toBe('captured');
    expect(rig.simulator.counters).toEqual({ inserted: 1, retained: 1, ejected: 0, readErrors: 0 });
  });

  it('answers a second retain with no card as reader error 02 (cannot execute now)', async () => {
    await cardInside();
    await rig.slot.retainCard();
    expect(await rig.slot.retainCard()).toMatchObject({ ok: false, error: { type: 'reader', command: 'C31', error: { code: '02' } } });
  });

  it('serialises concurrent operations: one command on the line at a time', async () => {
    await cardInside();
    const results = await Promise.all([rig.slot.status(), rig.slot.readTracks([2]), rig.slot.status(), rig.slot.moveToIc()]);
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true]);
    expect(rig.simulator.stats.commandsIgnored).toBe(0);
  });

  it('aborts a running command with DLE EOT; the reader drops it and the next command works', async () => {
    await cardInside();
    rig.simulator.setSlow(2_000);
    const controller = new AbortController();
    const reading = rig.slot.readTracks([1], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await reading).toEqual({ ok: false, error: { type: 'aborted' } });
    rig.simulator.setSlow(0);
    await vi.waitFor(() => expect(rig.simulator.stats.aborts).toBe(1));
    expect(rig.simulator.stats.commandsExecuted).toBe(2);
    expect(await rig.slot.status()).toEqual({ ok: true, value: 'inside' });
  });
});
