import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation } from '../../../common/demo/population';
import { maskMobile } from '../../../common/rules/mobile';
import { sleep } from '../../../common/time';
import type { KioskApi, KioskSnapshot } from '../../contract';
import { people, type JourneyRig } from '../journeys/testing/journeyRig';
import type { KioskCore } from '../kiosk';
import { type KioskOnRig, startKioskOnRig } from './testing/kioskOnRig';
import { receiptReference } from './journeyReceipts';
import { renderReceipt } from './render';

/**
 * The receipt of a real journey's result, through the kiosk's own API as the
 * renderer calls it: activation by fingerprint against the reference central,
 * then "print receipt" on the lab's printer over its pty.
 */

let rig: JourneyRig;
let core: KioskCore;
let api: KioskApi;
let reach: KioskOnRig['reach'];
let kiosk: KioskOnRig | undefined;
const kioskId = 'KIOSK-RCPT-0001';

beforeAll(async () => {
  kiosk = await startKioskOnRig(kioskId);
  ({ rig, core, api, reach } = kiosk);
}, 60_000);
afterAll(async () => kiosk?.close(), 60_000);

/**
 * Who activates: abeer first, then, should the test be tried again (vitest.config.ts `retry: 1`), another registered
 * person of the rig's population (60, central's default seed) with a right index finger and a mobile: a retry with abeer would meet an account the first
 * try already activated and could never pass.
 */
const activating = [people.abeer, ...generatePopulation(undefined, 60).people.filter((p) => p.account?.state === 'registered' && !p.account.withoutMobile && p.fingers.includes('rightIndex') && p.idNumber !== people.abeer.idNumber)];
let tries = 0;

async function untilReceipt(state: string): Promise<KioskSnapshot> {
  // Drawing and sending a receipt takes seconds on a loaded machine: a bound, not a timing.
  for (let i = 0; i < 3000; i++) {
    const snapshot = core.snapshot();
    if (snapshot.receipt?.state === state) return snapshot;
    await sleep(20);
  }
  const printer = rig.lab.lab.printer.state();
  throw new Error(
    `the receipt never became ${state}; it is ${JSON.stringify(core.snapshot().receipt)}, the kiosk's printer ${rig.lab.devices.printer.status}, the lab's ${JSON.stringify({ online: printer.online, receipts: printer.receipts, link: printer.link })}`,
  );
}

describe('the receipt on the activation result', () => {
  it('is not offered before the result, is offered on it, and prints the journey’s own masked data', async () => {
    const person = activating[tries++];
    if (!person) throw new Error('no registered person left to activate');
    const { idNumber, mobile } = person;
    // A try after a failed one starts from a fresh session (the failed one may have left its journey mid-way).
    if (tries > 1) {
      await api.endSession({ reason: 'cancel' }).catch(() => undefined);
      await api.startSession({ trigger: 'touch' });
    }
    await api.setLanguage({ language: 'en' });
    await api.startJourney({ service: 'activate' });
    expect(core.snapshot().receipt).toBeUndefined();
    await expect(api.printReceipt({ receipt: 'accountActivated' })).rejects.toMatchObject({ code: 'not_allowed' });

    await api.journeyEvent({ type: 'SUBMIT_ID', idNumber });
    await reach('activate.terms', idNumber);
    await api.journeyEvent({ type: 'ACCEPT_TERMS' });
    await api.journeyEvent({ type: 'CONFIRM_ACTIVATION' });
    await reach('activate.code.entry', idNumber);
    expect(core.snapshot().receipt).toBeUndefined();
    await api.journeyEvent({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    const result = await reach('activate.activated.finished', idNumber);
    expect(result.receipt).toEqual({ kind: 'accountActivated', state: 'offered' });

    // Only the receipt on screen, and only by its kind.
    await expect(api.printReceipt({ receipt: 'mobileChanged' })).rejects.toMatchObject({ code: 'not_allowed' });
    await expect((api.printReceipt as (input: unknown) => Promise<unknown>)({ receipt: 'accountActivated', idNumberLast4: '1234' })).rejects.toMatchObject({ code: 'invalid_argument' });

    const before = Date.now();
    const printing = await api.printReceipt({ receipt: 'accountActivated' });
    expect(printing.receipt).toEqual({ kind: 'accountActivated', state: 'printing' });
    await untilReceipt('printed');
    const after = Date.now();
    await expect(api.printReceipt({ receipt: 'accountActivated' })).rejects.toMatchObject({ code: 'not_allowed' });

    // What came out is the activation receipt of this transaction in English, with nothing but masked values.
    const paper = rig.lab.lab.printer.simulator.lastReceipt;
    expect(paper?.endedBy).toBe('fullCut');
    // The transaction that activated the account: the code's confirmation.
    const transaction = rig.calls.filter((call) => call.route === 'confirmActivation').at(-1)?.key ?? '';
    expect(transaction).not.toBe('');
    const expected = async (at: number) =>
      (
        await renderReceipt(
          'accountActivated',
          { kioskId, reference: receiptReference(transaction), at: new Date(at), idNumberLast4: idNumber.slice(-4), maskedMobile: maskMobile(mobile) },
          { language: 'en', widthDots: 576 },
        )
      ).raster.bits;
    const printed = paper?.raster.bits ?? new Uint8Array();
    const matches = await Promise.all([before, after].map(async (at) => {
      const bits = await expected(at);
      return Buffer.from(printed.subarray(0, bits.length)).equals(Buffer.from(bits));
    }));
    expect(matches.some(Boolean), 'the paper is the receipt drawn from the journey’s data').toBe(true);
  }, 120_000);

  it('goes with the session: the next person sees nothing of it', async () => {
    await api.endSession({ reason: 'completed' });
    await api.startSession({ trigger: 'touch' });
    expect(core.snapshot().receipt).toBeUndefined();
    await expect(api.printReceipt({ receipt: 'accountActivated' })).rejects.toMatchObject({ code: 'not_allowed' });
  });
});
