import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../common/result';
import { RESULT_RECEIPT_KINDS } from '../../../common/wire/receipts';
import { smsReceiptKinds } from '../../contract/receipts';
import { procedureSchemas } from '../../contract/serve';
import type { DeviceStatus } from '../../contract/devices';
import type { PrintDone, PrinterCondition, PrintFailure } from '../devices/printer/device';
import type { CitizenCallError } from '../sync/citizenCalls';
import { ReceiptDesk, type ReceiptPrinterPort, type ReceiptSmsPort } from './desk';

/** A printer that cannot print (the spec says why); a print it is asked for fails at once. */
class StoppedPrinter implements ReceiptPrinterPort {
  status: DeviceStatus = 'hardwareError';
  condition: PrinterCondition = 'paperOut';
  readonly widthDots = 576;
  print(): Promise<Result<PrintDone, PrintFailure>> {
    return Promise.resolve(err({ type: 'paperOut', job: 'notStarted' }));
  }
}

/** Central's receipt by SMS, answered when the spec says. */
class FakeSms {
  readonly asked: Parameters<ReceiptSmsPort>[0][] = [];
  #answers: ((result: Result<{ sentTo: string }, CitizenCallError>) => void)[] = [];
  readonly port: ReceiptSmsPort = (request) => {
    this.asked.push(request);
    return new Promise((resolve) => this.#answers.push(resolve));
  };
  answer(result: Result<{ sentTo: string }, CitizenCallError>): void {
    this.#answers.shift()?.(result);
  }
}

const onScreen = { kind: 'accountActivated' as const, reference: 'KIOSK-00000001-01JF0000000000000000000001' };

function deskWith(printer: ReceiptPrinterPort, sms: FakeSms | undefined) {
  const changes: number[] = [];
  const desk = new ReceiptDesk({ printer, log: pino({ level: 'silent' }), onChange: () => changes.push(changes.length), ...(sms ? { sms: sms.port } : {}) });
  return { desk, changes };
}

async function settled(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

describe('the receipt by SMS when the printer cannot print', () => {
  it('offered beside why the printer cannot print (paper out, cover open, offline), never while it can print', () => {
    const printer = new StoppedPrinter();
    const { desk } = deskWith(printer, new FakeSms());
    expect(desk.offer(onScreen)).toEqual({ kind: 'accountActivated', state: 'unavailable', problem: 'paperOut', sms: { state: 'offered' } });
    printer.condition = 'coverOpen';
    expect(desk.offer(onScreen)).toMatchObject({ problem: 'coverOpen', sms: { state: 'offered' } });
    printer.status = 'offline';
    expect(desk.offer(onScreen)).toMatchObject({ problem: 'offline', sms: { state: 'offered' } });
    printer.status = 'online';
    printer.condition = 'ready';
    expect(desk.offer(onScreen)).toEqual({ kind: 'accountActivated', state: 'offered' });
    expect(desk.sendSms('accountActivated', onScreen.reference, 'en')).toEqual({ ok: false, error: 'unavailable' });
  });

  it('not offered without central’s SMS, nor without a printer fitted (nothing is offered then)', () => {
    expect(deskWith(new StoppedPrinter(), undefined).desk.offer(onScreen)).toEqual({ kind: 'accountActivated', state: 'unavailable', problem: 'paperOut' });
    const none = new StoppedPrinter();
    none.status = 'noDevice';
    expect(deskWith(none, new FakeSms()).desk.offer(onScreen)).toBeUndefined();
  });

  it('send → sending → sent to the masked mobile central names, once per result, in the person’s language', async () => {
    const sms = new FakeSms();
    const { desk, changes } = deskWith(new StoppedPrinter(), sms);
    expect(desk.sendSms('accountActivated', onScreen.reference, 'ar')).toEqual({ ok: true, value: undefined });
    expect(desk.offer(onScreen)?.sms).toEqual({ state: 'sending' });
    expect(desk.sendSms('accountActivated', onScreen.reference, 'ar')).toEqual({ ok: false, error: 'alreadyAsked' });
    sms.answer(ok({ sentTo: '05X XXX X829' }));
    await settled(() => desk.offer(onScreen)?.sms?.state === 'sent');
    expect(desk.offer(onScreen)).toEqual({ kind: 'accountActivated', state: 'unavailable', problem: 'paperOut', sms: { state: 'sent', sentTo: '05X XXX X829' } });
    expect(desk.sendSms('accountActivated', onScreen.reference, 'ar')).toEqual({ ok: false, error: 'alreadyAsked' });
    expect(sms.asked).toEqual([{ kind: 'accountActivated', reference: onScreen.reference, language: 'ar' }]);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    // Another result is offered its own.
    expect(desk.offer({ ...onScreen, reference: 'TX-2' })?.sms).toEqual({ state: 'offered' });
  });

  it('a print that failed for want of paper offers the SMS; one central could not send may be asked again', async () => {
    const sms = new FakeSms();
    const printer = new StoppedPrinter();
    printer.status = 'online';
    printer.condition = 'ready';
    const { desk } = deskWith(printer, sms);
    desk.print({ kind: 'accountActivated', input: { kioskId: 'KIOSK-00000001', reference: 'REF-0001', at: new Date(0), idNumberLast4: '0008' } }, onScreen.reference, 'en');
    printer.status = 'hardwareError';
    printer.condition = 'paperOut';
    await settled(() => desk.offer(onScreen)?.state === 'failed');
    expect(desk.offer(onScreen)).toMatchObject({ state: 'failed', problem: 'paperOut', canRetry: false, sms: { state: 'offered' } });

    desk.sendSms('accountActivated', onScreen.reference, 'en');
    sms.answer(err({ type: 'centralUnavailable', detail: 'timeout' }));
    await settled(() => desk.offer(onScreen)?.sms?.state === 'failed');
    expect(desk.sendSms('accountActivated', onScreen.reference, 'en').ok).toBe(true);
    sms.answer(ok({ sentTo: '05X XXX X829' }));
    await settled(() => desk.offer(onScreen)?.sms?.state === 'sent');
    expect(sms.asked).toHaveLength(2);
  });

  it('the session ending forgets it: the next person is offered the SMS afresh for their own result only', async () => {
    const sms = new FakeSms();
    const { desk } = deskWith(new StoppedPrinter(), sms);
    desk.sendSms('accountActivated', onScreen.reference, 'en');
    desk.forget();
    sms.answer(ok({ sentTo: '05X XXX X829' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(desk.offer({ ...onScreen, reference: 'TX-9' })).toMatchObject({ sms: { state: 'offered' } });
    expect(JSON.stringify(desk.offer(onScreen))).not.toContain('829');
  });
});

describe('sendReceiptSms, as the core checks it', () => {
  it('takes the kind of receipt and nothing else: never a mobile number', () => {
    const schema = procedureSchemas.sendReceiptSms;
    expect(schema.safeParse({ receipt: 'mobileChanged' }).success).toBe(true);
    expect(schema.safeParse({ receipt: 'accountActivated', mobile: '0551234567' }).success).toBe(false);
    expect(schema.safeParse({ receipt: 'objectionFiled' }).success).toBe(false);
    // Central has no SMS of an inquiry's result: it is printed or not given.
    expect(schema.safeParse({ receipt: 'inquiryResult' }).success).toBe(false);
    expect(procedureSchemas.printReceipt.safeParse({ receipt: 'inquiryResult' }).success).toBe(true);
  });

  it('the kiosk’s receipt kinds are the ones central sends by SMS', () => {
    expect([...smsReceiptKinds]).toEqual([...RESULT_RECEIPT_KINDS]);
  });
});
