import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, people, startJourneyRig } from './testing/journeyRig';
import type { JourneyRig } from './testing/journeyRig';

/**
 * What the last person left behind is never the next person's: a finger
 * still on the reader's glass is not captured (so no match call reaches
 * central and no attempt is counted), and a card still in the slot is not
 * read as the next person's card. Against the real reference central and
 * the simulated lab over ptys.
 */

let rig: JourneyRig;
beforeAll(async () => {
  // A short capture: the finger left on the glass is never lifted in the first spec.
  rig = await startJourneyRig({ timings: { captureMs: 2_000 } });
});
afterAll(async () => rig?.close());
afterEach(async () => {
  rig.runner.endSession();
  await rig.lift();
  await rig.lab.devices.clearForNextPerson();
});

const verifyCalls = (): number => rig.calls.filter((c) => c.route === 'verifyFingerprint').length;

describe('the last person’s finger on the glass', () => {
  it('is not captured: the person is asked to lift it, no match call reaches central, and no attempt is counted', async () => {
    const { idNumber } = people.bandar;
    const before = verifyCalls();
    // The previous person's finger (Latifa's, no match for Bandar) stays on the glass.
    await rig.leaveFinger(people.latifa.idNumber);
    rig.newSession();
    rig.start('activate');
    rig.send({ type: 'SUBMIT_ID', idNumber });
    await rig.reach('activate.fingerprint.capturing');
    await eventually(() => rig.view().data.guidance === 'liftAndPlaceAgain', 'asked to lift the finger');
    expect(rig.view().step).toBe('activate.fingerprint.capturing');

    // Nobody lifts it: the capture ends with nothing captured and nothing sent.
    let view = await rig.reach('activate.fingerprint.failed');
    expect(view.error).toEqual({ code: 'capture_timeout', retryable: true });
    expect(view.data.attemptsRemaining).toBeUndefined();
    expect(verifyCalls() - before).toBe(0);

    // A wrong finger placed when asked is the first attempt counted: two left, not one.
    await rig.place(people.latifa.idNumber);
    rig.send({ type: 'RETRY' });
    view = await rig.reach('activate.fingerprint.failed');
    expect(view).toMatchObject({ error: { code: 'fingerprint_no_match' }, data: { attemptsRemaining: 2 } });
    expect(verifyCalls() - before).toBe(1);

    // Bandar's own finger, lifted and placed as asked, goes through.
    await rig.place(idNumber);
    rig.send({ type: 'RETRY' });
    view = await rig.reach('activate.terms');
    expect(view.data).toMatchObject({ idNumberMasked: '******3019', accountState: 'registered' });
    expect(verifyCalls() - before).toBe(2);
  });

  it('a finger lifted once the kiosk asks, then placed, is the one matched', async () => {
    const { idNumber } = people.rafiq;
    const before = verifyCalls();
    await rig.leaveFinger(people.latifa.idNumber);
    rig.newSession();
    rig.start('activate');
    rig.send({ type: 'SUBMIT_ID', idNumber });
    await eventually(() => rig.view().data.guidance === 'liftAndPlaceAgain', 'asked to lift the finger');
    await rig.place(idNumber);
    const view = await rig.reach('activate.terms');
    expect(view.data.idNumberMasked).toBe('******9852');
    expect(verifyCalls() - before).toBe(1);
  });
});

describe('the last person’s card in the slot', () => {
  it('is not read as the next person’s: it is retained, and the slot takes the next person’s own card', async () => {
    const previous = `nationalId-${people.faisal.idNumber}`;
    const { idNumber } = people.rafiq;
    // The last session: Faisal's card went in, and the session ended while the slot was unplugged.
    const { cardSlot } = rig.lab.devices;
    const waiting = cardSlot.waitForCard();
    await rig.insertCard(previous);
    await waiting;
    await rig.lab.control('/fault', { device: 'cardSlot', kind: 'unplug' });
    await eventually(() => cardSlot.status === 'offline', 'the slot offline');
    expect(await rig.lab.devices.clearForNextPerson()).toEqual({ card: 'failed' });
    await rig.lab.control('/fault', { device: 'cardSlot', kind: 'replug' });
    await eventually(() => cardSlot.status === 'online', 'the slot online again');
    expect(rig.lab.lab.state().cardSlot.card).toMatchObject({ id: previous, at: 'inside' });

    rig.newSession();
    rig.start('activate');
    await rig.place(idNumber);
    rig.send({ type: 'USE_CARD' });
    await rig.insertCard(`iqama-${idNumber}`);
    const view = await rig.reach('activate.terms');
    expect(view.data).toMatchObject({ idSource: 'card', idNumberMasked: '******9852' });
    expect(rig.lab.lab.state().cardSlot.retainedCards).toContain(previous);

    // Rafiq's session ends: his own card is handed back to him at the gate, as ever.
    rig.runner.endSession();
    const cleanup = rig.lab.devices.clearForNextPerson();
    await rig.takeCard();
    expect(await cleanup).toEqual({ card: 'taken' });
  });
});
