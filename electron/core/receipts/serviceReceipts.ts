import type { ResultCell, ResultSectionView, ResultValue } from '../../contract/catalogue';
import type { ServiceResult } from '../catalogue/serviceDesk';
import { type PrintableReceipt, type ReceiptSetting, receiptCommon } from './journeyReceipts';
import { type Localized, RECEIPT_TABLE_ROWS, receiptSchemas } from './kinds';

/**
 * The receipt of an inquiry's or a form's result (issue 14): what its result
 * screen shows, read by the core's engine from central's answer with the
 * entry's layout (every `maskedNumber` masked there), section by section. No
 * service is named here: every entry with `receipt: true` gets one, from the
 * core's own copy of the result, never from the renderer.
 */

/** A value longer than a receipt line allows is cut (the screen has all of it). */
const VALUE_MAX = 120;
const cut = (text: string): string => (text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text);

/** Money and counts with Western digits in both languages, as every receipt's numbers are. */
const amount = (value: number): string => value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** One value as the receipt prints it: its words in both languages, or digits that read the same in both. */
export function receiptValue(value: ResultValue): string | Localized {
  switch (value.type) {
    case 'text':
    case 'maskedNumber':
      return cut(value.text);
    case 'localized':
      return { ar: cut(value.text.ar), en: cut(value.text.en) };
    case 'date':
      return value.date;
    case 'money':
      return { ar: `${amount(value.amount)} ريال`, en: `${amount(value.amount)} SAR` };
    case 'number':
      return String(value.count);
    case 'days':
      return { ar: value.count === 1 ? 'يوم واحد' : `${value.count} يوم`, en: value.count === 1 ? '1 day' : `${value.count} days` };
    case 'status':
      return { ar: value.label.ar, en: value.label.en };
    case 'none':
      return { ar: 'غير مذكور', en: 'Not given' };
  }
}

const group = (cells: readonly ResultCell[]) => cells.map((cell) => ({ label: { ar: cell.label.ar, en: cell.label.en }, value: receiptValue(cell.value) }));

function section(view: ResultSectionView) {
  const title = view.title ? { title: { ar: view.title.ar, en: view.title.en } } : {};
  if (view.type === 'fields') return { ...title, groups: view.fields.length > 0 ? [group(view.fields)] : [], more: 0 };
  const rows = view.rows.filter((row) => row.length > 0);
  return { ...title, groups: rows.slice(0, RECEIPT_TABLE_ROWS).map(group), more: Math.max(0, rows.length - RECEIPT_TABLE_ROWS), empty: { ar: view.empty.ar, en: view.empty.en } };
}

/**
 * The receipt of the inquiry or form result on screen, or null when its entry
 * has none or a value does not fit a receipt (then none is offered rather
 * than a wrong one).
 */
export function serviceReceipt(result: ServiceResult, setting: ReceiptSetting & { readonly idNumberLast4?: string }): PrintableReceipt | null {
  if (!result.entry.receipt) return null;
  const input = {
    ...receiptCommon(setting, result.reference),
    ...(setting.idNumberLast4 ? { idNumberLast4: setting.idNumberLast4 } : {}),
    service: { ar: result.entry.title.ar, en: result.entry.title.en },
    sections: result.sections.map(section),
  };
  const receipt: PrintableReceipt = result.entry.kind === 'form' ? { kind: 'formSubmitted', input } : { kind: 'inquiryResult', input };
  return receiptSchemas[receipt.kind].safeParse(receipt.input).success ? receipt : null;
}
