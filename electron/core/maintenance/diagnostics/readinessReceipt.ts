import type { ReadinessReport } from '../../../contract';
import type { PrinterDevice } from '../../devices';
import type { ReceiptInput, ReceiptLevel } from '../../receipts/kinds';
import { renderReceipt } from '../../receipts/render';

/** Each check's name on paper, in both languages (the screen has its own in the renderer's locales). */
const LABELS: Record<string, { ar: string; en: string }> = {
  'fingerprint.module': { ar: 'قارئ البصمة', en: 'Fingerprint reader' },
  'fingerprint.library': { ar: 'مكتبة القارئ', en: 'Reader library' },
  'fingerprint.testCapture': { ar: 'التقاط تجريبي', en: 'Test capture' },
  'fingerprint.ledTest': { ar: 'اختبار الإضاءة', en: 'LED test' },
  'cardSlot.reader': { ar: 'قارئ البطاقات', en: 'Card reader' },
  'cardSlot.counters': { ar: 'عدادات البطاقات', en: 'Card counters' },
  'cardSlot.retainBin': { ar: 'صندوق البطاقات المحتجزة', en: 'Retain bin' },
  'cardSlot.readTest': { ar: 'قراءة بطاقة تجريبية', en: 'Card read test' },
  'cardSlot.eject': { ar: 'إخراج البطاقة', en: 'Card eject' },
  'cardSlot.retainTest': { ar: 'اختبار الاحتجاز', en: 'Retain test' },
  'magstripe.link': { ar: 'قارئ الشريط الممغنط', en: 'Magstripe reader' },
  'printer.link': { ar: 'اتصال الطابعة', en: 'Printer link' },
  'printer.paper': { ar: 'الورق', en: 'Paper' },
  'printer.testPage': { ar: 'صفحة اختبار', en: 'Test page' },
  'atm.publisher': { ar: 'خدمات الصراف', en: 'ATM services' },
  'atm.cardReader': { ar: 'قارئ بطاقات الصراف', en: 'ATM card reader' },
  'atm.pinPad': { ar: 'لوحة الرقم السري', en: 'PIN pad' },
  'atm.printer': { ar: 'طابعة الصراف', en: 'ATM printer' },
  'atm.retainBin': { ar: 'صندوق الاحتجاز في الصراف', en: 'ATM retain bin' },
  'atm.paper': { ar: 'ورق الصراف', en: 'ATM paper' },
  'network.central': { ar: 'الخادم المركزي', en: 'Central' },
  'network.heartbeat': { ar: 'آخر نبضة', en: 'Last heartbeat' },
  'network.clock': { ar: 'فرق الساعة', en: 'Clock skew' },
  'network.certificate': { ar: 'الشهادة', en: 'Certificate' },
  'network.outbox': { ar: 'صندوق الإرسال', en: 'Outbox' },
  'network.deadLetters': { ar: 'الرسائل المرفوضة', en: 'Dead letters' },
  'system.versions': { ar: 'الإصدارات', en: 'Versions' },
  'system.configuration': { ar: 'الإعدادات', en: 'Configuration' },
  'system.disk': { ar: 'القرص', en: 'Disk' },
  'system.memory': { ar: 'الذاكرة', en: 'Memory' },
  'system.uptime': { ar: 'مدة التشغيل', en: 'Uptime' },
};

const checkLabel = (name: string): { ar: string; en: string } => LABELS[name] ?? { ar: name, en: name };

const LEVEL: Record<'pass' | 'warn' | 'fail', ReceiptLevel> = { pass: 'green', warn: 'amber', fail: 'red' };

/** The report as the readiness receipt: automatic checks with their level, manual ones with their last result (amber: never run). */
function readinessReceiptData(report: ReadinessReport, kioskId: string): ReceiptInput<'technicianReadiness'> {
  return {
    kioskId,
    reference: `RR-${report.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 12).toUpperCase()}`,
    at: new Date(report.at),
    overall: LEVEL[report.overall],
    checks: report.checks.slice(0, 40).map((check) => {
      const level: ReceiptLevel = check.automatic ? LEVEL[check.result === 'manual' ? 'warn' : check.result] : check.last ? LEVEL[check.last.result] : 'amber';
      return { label: checkLabel(check.name), level, kind: check.automatic ? 'automatic' : 'manual', ...(check.automatic && check.result !== 'pass' ? { detail: check.detail.slice(0, 120) } : {}) };
    }),
  };
}

export async function printReadiness(printer: PrinterDevice, report: ReadinessReport, kioskId: string, language: 'ar' | 'en'): Promise<boolean> {
  const { raster } = await renderReceipt('technicianReadiness', readinessReceiptData(report, kioskId), { language, widthDots: printer.widthDots });
  const printed = await printer.print(raster);
  return printed.ok;
}
