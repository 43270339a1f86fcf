import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../../common/time';
import type { KioskApi } from '../../contract';
import { people, type JourneyRig } from '../journeys/testing/journeyRig';
import type { KioskCore } from '../kiosk';
import { type KioskOnRig, startKioskOnRig } from './testing/kioskOnRig';
import { receiptReference } from './journeyReceipts';

/**
 * No paper: the activation result offers the receipt by SMS instead, says
 * why, and the SMS arrives at the reference central for the account's own
 * mobile, in the person's language. The kiosk goes on serving.
 */

let rig: JourneyRig;
let core: KioskCore;
let api: KioskApi;
let reach: KioskOnRig['reach'];
let kiosk: KioskOnRig | undefined;

beforeAll(async () => {
  kiosk = await startKioskOnRig('KIOSK-SMS-0001');
  ({ rig, core, api, reach } = kiosk);
}, 60_000);
afterAll(async () => kiosk?.close(), 60_000);

/** Bounded waits on the core's own state (a loaded machine is slow; nothing here is a timing). */
async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 1500; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(20);
  }
  throw new Error(`never: ${what}; snapshot ${JSON.stringify({ journey: core.snapshot().journey?.step, receipt: core.snapshot().receipt, printer: core.snapshot().devices.printer })}`);
}

const receiptSms = async (mobile: string) => (await rig.central.db.all("SELECT text FROM sms_outbox WHERE to_mobile = ? AND purpose = 'receipt' ORDER BY id", [mobile])).map((row) => String(row.text));

describe('the printer out of paper on the activation result', () => {
  it('offers the receipt by SMS and says why; the SMS goes once, in Arabic, to the account’s mobile; the services stay available', async () => {
    const { idNumber, mobile } = people.abeer;
    rig.lab.lab.printer.setPaper({ paper: 'out' });
    await until('the printer out of paper', () => (core.snapshot().devices.printer === 'hardwareError' ? true : undefined));
    // A kiosk without paper still serves: every service it offered is still offered.
    expect(core.snapshot().services.filter((s) => s.available).map((s) => s.id)).toContain('activate');

    await api.setLanguage({ language: 'ar' });
    await api.startJourney({ service: 'activate' });
    await expect(api.sendReceiptSms({ receipt: 'accountActivated' })).rejects.toMatchObject({ code: 'not_allowed' });
    await api.journeyEvent({ type: 'SUBMIT_ID', idNumber });
    await reach('activate.terms');
    await api.journeyEvent({ type: 'ACCEPT_TERMS' });
    await api.journeyEvent({ type: 'CONFIRM_ACTIVATION' });
    await reach('activate.code.entry');
    await api.journeyEvent({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    const result = await reach('activate.activated.finished');
    expect(result.receipt).toEqual({ kind: 'accountActivated', state: 'unavailable', problem: 'paperOut', sms: { state: 'offered' } });
    await expect(api.printReceipt({ receipt: 'accountActivated' })).rejects.toMatchObject({ code: 'unavailable' });
    // Only the receipt on screen, only by its kind: never a number from the screen.
    await expect(api.sendReceiptSms({ receipt: 'mobileChanged' })).rejects.toMatchObject({ code: 'not_allowed' });
    await expect((api.sendReceiptSms as (input: unknown) => Promise<unknown>)({ receipt: 'accountActivated', mobile: '0551234567' })).rejects.toMatchObject({ code: 'invalid_argument' });

    const sending = await api.sendReceiptSms({ receipt: 'accountActivated' });
    expect(sending.receipt?.sms?.state).toMatch(/^(sending|sent)$/);
    const sent = await until('the SMS sent', () => (core.snapshot().receipt?.sms?.state === 'sent' ? core.snapshot().receipt : undefined));
    expect(sent.sms).toEqual({ state: 'sent', sentTo: '05X XXX X829' });
    await expect(api.sendReceiptSms({ receipt: 'accountActivated' })).rejects.toMatchObject({ code: 'not_allowed' });

    // The SMS names the transaction that activated the account, as the paper would.
    const transaction = rig.calls.filter((call) => call.route === 'confirmActivation').at(-1)?.key ?? '';
    const texts = await receiptSms(mobile);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('إيصال: تم تفعيل الحساب');
    expect(texts[0]).toContain(receiptReference(transaction));
    expect(texts[0]).not.toContain(idNumber);
    expect(core.snapshot().services.find((s) => s.id === 'activate')?.available).toBe(true);
  }, 120_000);

  it('goes with the session: the next person is offered nothing of it', async () => {
    await api.endSession({ reason: 'completed' });
    await api.startSession({ trigger: 'touch' });
    expect(core.snapshot().receipt).toBeUndefined();
    await expect(api.sendReceiptSms({ receipt: 'accountActivated' })).rejects.toMatchObject({ code: 'not_allowed' });
  });
});
