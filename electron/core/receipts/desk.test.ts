import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../common/result';
import { procedureSchemas } from '../../contract/serve';
import type { DeviceStatus } from '../../contract/devices';
import type { Raster } from '../../../drivers/printer/raster';
import type { PrintDone, PrinterCondition, PrintFailure } from '../devices/printer/device';
import { ReceiptDesk, type ReceiptPrinterPort } from './desk';
import { renderReceipt } from './render';
import type { JourneyReceipt } from './journeyReceipts';
import { SAMPLE_RECEIPTS } from './testing/samples';

/** A printer that prints what it is told to answer, when the spec says. */
class FakePrinter implements ReceiptPrinterPort {
  status: DeviceStatus = 'online';
  condition: PrinterCondition = 'ready';
  readonly widthDots = 576;
  readonly printed: Raster[] = [];
  #jobs: ((result: Result<PrintDone, PrintFailure>) => void)[] = [];
  #called: (() => void) | undefined;

  print(raster: Raster): Promise<Result<PrintDone, PrintFailure>> {
    this.printed.push(raster);
    this.status = 'busy';
    this.#called?.();
    return new Promise((resolve) => {
      this.#jobs.push((result) => {
        this.status = result.ok ? 'online' : 'hardwareError';
        resolve(result);
      });
    });
  }

  /** Ends the job the desk sent (once the receipt is drawn and sent). */
  async finish(result: Result<PrintDone, PrintFailure>): Promise<void> {
    if (this.#jobs.length === 0) await new Promise<void>((resolve) => (this.#called = resolve));
    this.#jobs.shift()?.(result);
  }
}

const receipt: JourneyReceipt = { kind: 'accountActivated', input: SAMPLE_RECEIPTS.accountActivated };
const onScreen = { kind: 'accountActivated' as const, reference: 'TX-1' };

function desk(printer: ReceiptPrinterPort | undefined) {
  const changes: number[] = [];
  let count = 0;
  const made = new ReceiptDesk({ printer, log: pino({ level: 'silent' }), onChange: () => changes.push(++count) });
  return { desk: made, changes };
}

async function settled(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

describe('the receipt a result screen offers', () => {
  it('nothing without a printer fitted, or on a screen without a receipt', () => {
    expect(desk(undefined).desk.offer(onScreen)).toBeUndefined();
    const printer = new FakePrinter();
    printer.status = 'noDevice';
    expect(desk(printer).desk.offer(onScreen)).toBeUndefined();
    expect(desk(new FakePrinter()).desk.offer(null)).toBeUndefined();
  });

  it('offered when the printer can print; otherwise "unavailable" with why, and the result stands', () => {
    const printer = new FakePrinter();
    const { desk: d } = desk(printer);
    expect(d.offer(onScreen)).toEqual({ kind: 'accountActivated', state: 'offered' });
    printer.status = 'hardwareError';
    printer.condition = 'paperOut';
    expect(d.offer(onScreen)).toEqual({ kind: 'accountActivated', state: 'unavailable', problem: 'paperOut' });
    printer.condition = 'coverOpen';
    expect(d.offer(onScreen)?.problem).toBe('coverOpen');
    printer.status = 'offline';
    expect(d.offer(onScreen)?.problem).toBe('offline');
    expect(d.print(receipt, 'TX-1', 'ar')).toEqual({ ok: false, error: 'unavailable' });
    expect(printer.printed).toEqual([]);
  });

  it('print → printing → printed, once per result; the receipt is drawn in the language asked for, at the printer’s width', async () => {
    const printer = new FakePrinter();
    const { desk: d, changes } = desk(printer);
    expect(d.print(receipt, 'TX-1', 'en')).toEqual({ ok: true, value: undefined });
    expect(d.offer(onScreen)).toEqual({ kind: 'accountActivated', state: 'printing' });
    expect(d.print(receipt, 'TX-1', 'en')).toEqual({ ok: false, error: 'alreadyAsked' });
    await printer.finish(ok({ bytesSent: 1000, paperNearEnd: false }));
    await settled(() => d.offer(onScreen)?.state === 'printed');
    expect(printer.printed).toHaveLength(1);
    expect(printer.printed[0]).toEqual((await renderReceipt('accountActivated', SAMPLE_RECEIPTS.accountActivated, { language: 'en', widthDots: 576 })).raster);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(d.print(receipt, 'TX-1', 'en')).toEqual({ ok: false, error: 'alreadyAsked' });
    // Another result (another transaction) has its own receipt.
    expect(d.offer({ kind: 'accountActivated', reference: 'TX-2' })).toEqual({ kind: 'accountActivated', state: 'offered' });
  });

  it('the roll ending mid-receipt: failed, paper out, part of it came out; a retry is offered only once the printer can print', async () => {
    const printer = new FakePrinter();
    const { desk: d } = desk(printer);
    d.print(receipt, 'TX-1', 'ar');
    printer.condition = 'paperOut';
    await printer.finish(err({ type: 'paperOut', job: 'cutShort' }));
    await settled(() => d.offer(onScreen)?.state === 'failed');
    expect(d.offer(onScreen)).toEqual({ kind: 'accountActivated', state: 'failed', problem: 'paperOut', partlyPrinted: true, canRetry: false });
    printer.status = 'online';
    printer.condition = 'ready';
    expect(d.offer(onScreen)?.canRetry).toBe(true);
    expect(d.print(receipt, 'TX-1', 'ar').ok).toBe(true);
  });

  it('unplugged before it started: failed, nothing came out', async () => {
    const printer = new FakePrinter();
    const { desk: d } = desk(printer);
    d.print(receipt, 'TX-1', 'ar');
    await printer.finish(err({ type: 'unplugged', job: 'notStarted' }));
    await settled(() => d.offer(onScreen)?.state === 'failed');
    expect(d.offer(onScreen)).toMatchObject({ problem: 'offline', partlyPrinted: false });
  });

  it('the session ending forgets the receipt: the next person is offered nothing of it, even if it finishes printing later', async () => {
    const printer = new FakePrinter();
    const { desk: d } = desk(printer);
    d.print(receipt, 'TX-1', 'ar');
    d.forget();
    await printer.finish(ok({ bytesSent: 1, paperNearEnd: false }));
    await settled(() => printer.status === 'online');
    expect(d.offer({ kind: 'accountActivated', reference: 'TX-9' })).toEqual({ kind: 'accountActivated', state: 'offered' });
  });
});

describe('printReceipt, as the core checks it', () => {
  it('takes the kind of receipt and nothing else: no text, no data, no language', () => {
    const schema = procedureSchemas.printReceipt;
    expect(schema.safeParse({ receipt: 'accountActivated' }).success).toBe(true);
    expect(schema.safeParse({ receipt: 'technicianReadiness' }).success).toBe(false);
    expect(schema.safeParse({ receipt: 'accountActivated', idNumberLast4: '0008' }).success).toBe(false);
    expect(schema.safeParse({ receipt: 'accountActivated', language: 'en' }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
  });
});
