import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import type { InquiryEntry } from '../../../common/wire/catalogue';
import type { DeviceStatus } from '../../contract/devices';
import { KioskError } from '../../contract/errors';
import type { Raster } from '../../../drivers/printer/raster';
import type { ServiceResult } from '../catalogue/serviceDesk';
import { resolveConfig } from '../config/load';
import type { PrinterCondition } from '../devices/printer/device';
import type { JourneyPorts } from '../journeys/ports';
import type { JourneyRunner } from '../journeys/runner';
import type { ReceiptPrinterPort } from './desk';
import { ResultReceipt } from './resultReceipt';
import { inkLines } from './testing/inspect';

/** A printer that prints at once and keeps what it printed. */
class PaperPrinter implements ReceiptPrinterPort {
  status: DeviceStatus = 'online';
  condition: PrinterCondition = 'ready';
  readonly widthDots = 576;
  readonly printed: Raster[] = [];
  async print(raster: Raster) {
    this.printed.push(raster);
    return ok({ lines: raster.height } as never);
  }
}

const w = (ar: string, en: string) => ({ ar, en });
const entry = { id: 'visaStatus', kind: 'inquiry', title: w('حالة التأشيرة', 'Visa status'), receipt: true } as unknown as InquiryEntry;
const visa: ServiceResult = {
  entry,
  reference: 'KIOSK-DEMO-0001-01JNQ3Y0Z7M4K2V8T6R5P9W1XC',
  sections: [{ type: 'fields', fields: [{ key: 'visaNumber', label: w('رقم التأشيرة', 'Visa number'), value: { type: 'maskedNumber', text: '******5678' } }] }],
};

function rig(options: { service: ServiceResult | null; journeyResult?: ReturnType<JourneyRunner['result']> }) {
  const printer = new PaperPrinter();
  let service = options.service;
  const journeys = { result: () => options.journeyResult ?? null, view: () => ({ data: { idNumberMasked: '******4989' } }) } as unknown as JourneyRunner;
  const receipts = new ResultReceipt({
    ports: { printer, callCitizen: () => Promise.resolve(ok({ sentTo: '05X XXX X829' })), newTransactionId: () => 'TX-SMS-0001' } as unknown as JourneyPorts,
    journeys,
    serviceResult: () => service,
    clock: { now: () => Date.parse('2025-03-09T11:45:00Z') } as never,
    config: () => resolveConfig([{ kioskId: 'KIOSK-DEMO-0001', central: { url: 'https://central.invalid' } }]),
    log: pino({ level: 'silent' }),
    onChange: () => undefined,
  });
  return { printer, receipts, leave: () => (service = null) };
}

async function settled(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

describe('the receipt of an inquiry’s result on screen', () => {
  it('is offered, prints the core’s own copy of the result, once; a journey result under it is not what is offered', async () => {
    const { printer, receipts } = rig({ service: visa, journeyResult: { step: 'changePassword.changed.finished', shown: { idNumberMasked: '******4989' }, reference: 'TX-OTHER-1' } });
    expect(receipts.offer()).toEqual({ receipt: { kind: 'inquiryResult', state: 'offered' } });
    expect(() => receipts.give('passwordRecovered', 'print', 'ar')).toThrow(KioskError);
    receipts.give('inquiryResult', 'print', 'ar');
    await settled(() => receipts.offer().receipt?.state === 'printed');
    expect(printer.printed).toHaveLength(1);
    expect(inkLines(printer.printed[0] as Raster).length).toBeGreaterThan(10);
    // Once per result.
    expect(() => receipts.give('inquiryResult', 'print', 'ar')).toThrow(/asked for already/);
  });

  it('has no SMS offer (central sends none for an inquiry), and refuses one asked for', () => {
    const { printer, receipts } = rig({ service: visa });
    printer.status = 'hardwareError';
    printer.condition = 'paperOut';
    expect(receipts.offer()).toEqual({ receipt: { kind: 'inquiryResult', state: 'unavailable', problem: 'paperOut' } });
    expect(() => receipts.give('inquiryResult', 'sms', 'en')).toThrow(/cannot be given that way/);
  });

  it('the inquiry closed: its receipt is no longer offered nor printable', () => {
    const { receipts, leave } = rig({ service: visa });
    leave();
    expect(receipts.offer()).toEqual({});
    expect(() => receipts.give('inquiryResult', 'print', 'en')).toThrow(/no inquiryResult receipt/);
  });
});
