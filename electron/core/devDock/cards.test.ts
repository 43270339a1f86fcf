import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DockRig, eventually, startDockRig } from './testing/dockRig';

/** A person's cards at the kiosk's slot, driven from the dock while the kiosk's own device manager watches. */
describe('dev dock: cards', () => {
  let rig: DockRig;
  beforeAll(async () => {
    rig = await startDockRig();
  });
  afterAll(() => rig.close());

  it('a card offered before the kiosk asks waits at the closed shutter, then goes in when the kiosk opens it', async () => {
    const faisal = rig.person((p) => p.idNumber === '1000000008');
    const held = await rig.dock.insertCard({ cardId: `nationalId-${faisal.idNumber}` });
    expect(held).toMatchObject({ ok: true, done: 'heldAtSlot' });
    expect(held.state.lab?.cardSlot).toMatchObject({ position: 'noCard', shutter: 'closed', heldCard: { kind: 'nationalId', last4: '0008' } });

    // What a journey does on "use my card".
    const arrived = await rig.devices.cardSlot.waitForCard({ timeoutMs: 5_000 });
    expect(arrived).toEqual({ ok: true, value: { inserted: true } });
    const state = await rig.dock.state();
    expect(state.lab?.cardSlot).toMatchObject({ position: 'inside', heldCard: null, card: { id: `nationalId-${faisal.idNumber}`, last4: '0008' } });
    expect(state.lab?.cardSlot.counters.inserted).toBe(1);

    // The kiosk reads whose card it is: the same person the dock picked.
    const identity = await rig.devices.cardSlot.readIdentity();
    expect(identity).toMatchObject({ ok: true, value: { idNumber: faisal.idNumber } });
  });

  it('a second card while one is inside is refused, and so is taking a card that is not at the gate', async () => {
    const refused = await rig.dock.insertCard({ cardId: 'technician-1001' });
    expect(refused).toMatchObject({ ok: false, refusal: 'slotOccupied' });
    expect(await rig.dock.takeCard()).toMatchObject({ ok: false, refusal: 'noCardToTake' });
  });

  it('the card the kiosk hands back is taken from the gate', async () => {
    expect(await rig.devices.cardSlot.eject()).toEqual({ ok: true, value: undefined });
    await eventually(() => rig.lab.state().cardSlot.state === 'atGate', 'card at the gate');
    expect((await rig.dock.state()).lab?.cardSlot).toMatchObject({ position: 'atGate', card: { kind: 'nationalId' } });
    const taken = await rig.dock.takeCard();
    expect(taken).toMatchObject({ ok: true, done: 'taken' });
    expect(taken.state.lab?.cardSlot).toMatchObject({ position: 'noCard', card: null });
  });

  it('a card offered while the kiosk waits goes straight in', async () => {
    const waiting = rig.devices.cardSlot.waitForCard({ timeoutMs: 5_000 });
    await eventually(() => rig.lab.state().cardSlot.entry === 'anyCard', 'shutter open');
    const bank = rig.person((p) => p.bankCard !== null);
    const inserted = await rig.dock.insertCard({ cardId: `bank-${bank.bankCard?.pan ?? ''}` });
    expect(inserted).toMatchObject({ ok: true, done: 'inserted', state: { lab: { cardSlot: { position: 'inside', card: { kind: 'bank' } } } } });
    expect(await waiting).toEqual({ ok: true, value: { inserted: true } });
    expect(await rig.devices.cardSlot.describe()).toEqual({ ok: true, value: { position: 'inside' } });
  });

  it('at the end of a session the kiosk hands the card back and sees it taken', async () => {
    const cleanup = rig.devices.clearForNextPerson();
    await eventually(() => rig.lab.state().cardSlot.state === 'atGate', 'card handed back');
    expect(await rig.dock.takeCard()).toMatchObject({ ok: true, done: 'taken' });
    expect(await cleanup).toEqual({ card: 'taken' });
  });

  it('a held card can be taken back before the shutter opens', async () => {
    expect(await rig.dock.insertCard({ cardId: 'technician-1002' })).toMatchObject({ ok: true, done: 'heldAtSlot' });
    const back = await rig.dock.takeCard();
    expect(back).toMatchObject({ ok: true, done: 'takenBack', state: { lab: { cardSlot: { heldCard: null, position: 'noCard' } } } });
  });

  it('a card the lab does not have is invalid, and nothing changes', async () => {
    const before = rig.lab.state();
    await expect(rig.dock.insertCard({ cardId: 'nationalId-1234567890' })).rejects.toMatchObject({ name: 'KioskError', code: 'invalid_argument' });
    expect(rig.lab.state()).toEqual(before);
  });

  it('logs cards by kind and last 4 only', () => {
    const log = rig.logLines.join('');
    expect(log).toContain('devDock.insertCard');
    expect(log).toContain('…0008');
    for (const person of rig.lab.population.people) {
      expect(log).not.toContain(person.idNumber);
      if (person.bankCard) expect(log).not.toContain(person.bankCard.pan);
    }
  });
});
