import type { Result } from '../../../common/result';
import type { PrintDone, PrinterDevice, PrintFailure } from '../devices/printer/device';
import type { ReceiptInput, ReceiptLevel } from './kinds';
import { renderReceipt } from './render';
import type { ReceiptLanguage } from './templates';

/**
 * The printer's test page, for a technician (`npm run devices -- test-page`,
 * and maintenance diagnostics): the readiness receipt with the printer's own
 * checks — link, paper, cover, mechanism, width (and its life counters where
 * the store is at hand) — so one
 * page shows both that the printer prints (Arabic shaping, a cut) and what it
 * says about itself. Nothing personal is on it.
 */

interface TestPageOptions {
  readonly kioskId: string;
  /** Printed when known (the kiosk's store); a technician's CLI without the store prints none. */
  readonly lifeCounters?: PrinterLifeCounters;
  readonly language: ReceiptLanguage;
  readonly at: Date;
}

type PrinterCheckLevels = Pick<PrinterDevice, 'status' | 'condition' | 'paperNearEnd' | 'widthDots'>;

/** The printer's life counters as the store keeps them (device_counters); the device itself counts only since the core started. */
interface PrinterLifeCounters {
  readonly receiptsPrinted: number;
  readonly paperOutEvents: number;
}

/** The checks the page prints, from what the printer said last. */
export function testPageData(printer: PrinterCheckLevels, options: TestPageOptions): ReceiptInput<'technicianReadiness'> {
  const ar = options.language === 'ar';
  const statusText = ar ? { online: 'متصلة', busy: 'تطبع', offline: 'غير متصلة', hardwareError: 'عطل', noDevice: 'غير مركّبة' }[printer.status] : printer.status;
  const paper: ReceiptLevel = printer.condition === 'paperOut' ? 'red' : printer.paperNearEnd ? 'amber' : 'green';
  const checks: ReceiptInput<'technicianReadiness'>['checks'] = [
    { label: { ar: 'اتصال الطابعة', en: 'Printer link' }, level: printer.status === 'online' || printer.status === 'busy' ? 'green' : 'red', detail: statusText },
    { label: { ar: 'الورق', en: 'Paper' }, level: paper, ...(paper === 'amber' ? { detail: ar ? 'قارب على النفاد' : 'near end' } : paper === 'red' ? { detail: ar ? 'نفد' : 'out' } : {}) },
    { label: { ar: 'الغطاء', en: 'Cover' }, level: printer.condition === 'coverOpen' ? 'red' : 'green', ...(printer.condition === 'coverOpen' ? { detail: ar ? 'مفتوح' : 'open' } : {}) },
    { label: { ar: 'آلية الطباعة والقاطع', en: 'Mechanism and cutter' }, level: printer.condition === 'error' ? 'red' : 'green' },
    { label: { ar: 'عرض الطباعة', en: 'Print width' }, level: 'green', detail: ar ? `${printer.widthDots} نقطة (${printer.widthDots >= 576 ? 80 : 58} مم)` : `${printer.widthDots} dots (${printer.widthDots >= 576 ? 80 : 58} mm)` },
    ...(options.lifeCounters
      ? [
          { label: { ar: 'إيصالات مطبوعة', en: 'Receipts printed' }, level: 'green' as const, detail: String(options.lifeCounters.receiptsPrinted) },
          { label: { ar: 'مرات نفاد الورق', en: 'Paper-out events' }, level: 'green' as const, detail: String(options.lifeCounters.paperOutEvents) },
        ]
      : []),
  ];
  const worst: ReceiptLevel = checks.some((c) => c.level === 'red') ? 'red' : checks.some((c) => c.level === 'amber') ? 'amber' : 'green';
  const stamp = options.at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return { kioskId: options.kioskId, reference: `TP-${stamp}`, at: options.at, overall: worst, checks };
}

/** Draws the test page at the printer's width and prints it; the result is the printer's own word on it. */
export async function printTestPage(printer: PrinterDevice, options: TestPageOptions): Promise<Result<PrintDone, PrintFailure>> {
  const { raster } = await renderReceipt('technicianReadiness', testPageData(printer, options), { language: options.language, widthDots: printer.widthDots });
  return printer.print(raster);
}
