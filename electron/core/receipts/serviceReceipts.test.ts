import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail } from '../../../common/rules';
import type { FormEntry, InquiryEntry } from '../../../common/wire/catalogue';
import type { ResultSectionView } from '../../contract/catalogue';
import type { ServiceResult } from '../catalogue/serviceDesk';
import { maskNumber } from '../catalogue/resultView';
import { receiptSchemas } from './kinds';
import { renderReceipt } from './render';
import { receiptValue, serviceReceipt } from './serviceReceipts';
import { receiptBlocks } from './templates';

const setting = { kioskId: 'KIOSK-DEMO-0001', at: new Date('2025-03-09T11:45:00Z'), portalName: { ar: 'أبشر', en: 'Absher' }, supportNumber: '920020405' };
const reference = 'KIOSK-DEMO-0001-01JNQ3Y0Z7M4K2V8T6R5P9W1XC';
const w = (ar: string, en: string) => ({ ar, en });

const inquiry = { id: 'trafficViolations', kind: 'inquiry', title: w('المخالفات المرورية', 'Traffic violations'), receipt: true } as unknown as InquiryEntry;
const form = { id: 'violationObjection', kind: 'form', title: w('الاعتراض على المخالفات', 'Object to a violation'), receipt: true } as unknown as FormEntry;

const violation = (n: number) => [
  { key: 'violationNumber', label: w('رقم المخالفة', 'Violation number'), value: { type: 'maskedNumber' as const, text: maskNumber(`10000000${String(n).padStart(2, '0')}`) } },
  { key: 'amountSar', label: w('المبلغ', 'Amount'), value: { type: 'money' as const, amount: 300 } },
  { key: 'occurredAt', label: w('التاريخ', 'Date'), value: { type: 'date' as const, date: '2025-02-14' } },
  { key: 'status', label: w('الحالة', 'Status'), value: { type: 'status' as const, status: 'unpaid', label: w('غير مدفوعة', 'Unpaid'), tone: 'warning' as const } },
];
const table = (rows: number): ResultSectionView => ({ type: 'table', key: 'violations', rows: Array.from({ length: rows }, (_, i) => violation(i)), empty: w('لا توجد مخالفات.', 'You have no violations.') });
const result = (entry: InquiryEntry | FormEntry, sections: ResultSectionView[]): ServiceResult => ({ entry, sections, reference });

describe('the receipt of an inquiry or form result', () => {
  it('an inquiry: its title, each table row as the screen showed it (numbers masked), the ID’s last four, the transaction’s ULID', () => {
    const receipt = serviceReceipt(result(inquiry, [table(2)]), { ...setting, idNumberLast4: '4989' });
    expect(receipt?.kind).toBe('inquiryResult');
    expect(receipt?.input).toMatchObject({ reference: '01JNQ3Y0Z7M4K2V8T6R5P9W1XC', idNumberLast4: '4989', service: inquiry.title });
    const sections = (receipt?.input as { sections: { groups: { value: unknown }[][]; more: number }[] }).sections;
    expect(sections[0]?.groups).toHaveLength(2);
    expect(sections[0]?.groups[0]?.map((c) => c.value)).toEqual(['******0000', { ar: '300.00 ريال', en: '300.00 SAR' }, '2025-02-14', { ar: 'غير مدفوعة', en: 'Unpaid' }]);
    expect(JSON.stringify(receipt)).not.toContain('1000000000');
  });

  it('a form: a request-submitted receipt of what its result showed', () => {
    const fields: ResultSectionView = { type: 'fields', fields: [{ key: 'objectionId', label: w('رقم الاعتراض', 'Objection number'), value: { type: 'text', text: 'OBJ-1A2B3C4D' } }] };
    expect(serviceReceipt(result(form, [fields]), setting)).toMatchObject({ kind: 'formSubmitted', input: { service: form.title, sections: [{ groups: [[{ value: 'OBJ-1A2B3C4D' }]] }] } });
  });

  it('a long table prints its first 20 rows and counts the others; an empty one says what the screen says', async () => {
    const long = serviceReceipt(result(inquiry, [table(27)]), setting);
    expect(long?.input).toMatchObject({ sections: [{ more: 7 }] });
    expect((long?.input as { sections: { groups: unknown[] }[] }).sections[0]?.groups).toHaveLength(20);
    const none = serviceReceipt(result(inquiry, [table(0)]), setting);
    expect(none?.input).toMatchObject({ sections: [{ groups: [], empty: w('لا توجد مخالفات.', 'You have no violations.') }] });
    // Both print.
    for (const receipt of [long, none]) await renderReceipt(receipt?.kind ?? 'inquiryResult', receipt?.input as never, { language: 'ar', widthDots: 576 });
  });

  it('the rows a long table leaves out are counted on paper in the receipt’s language', () => {
    const long = serviceReceipt(result(inquiry, [table(27)]), setting);
    const texts = (language: 'ar' | 'en') => receiptBlocks('inquiryResult', long?.input as never, language).flatMap((block) => (block.type === 'paragraph' ? [block.text] : []));
    expect(texts('en')).toContain('More on the portal: 7');
    expect(texts('ar')).toContain('سجلات أخرى في البوابة: 7');
  });

  it('no receipt when the entry has none, or a value would reorder what is printed', () => {
    expect(serviceReceipt(result({ ...inquiry, receipt: false }, [table(1)]), setting)).toBeNull();
    const hostile: ResultSectionView = { type: 'fields', fields: [{ key: 'city', label: w('المكان', 'Place'), value: { type: 'text', text: 'Riyadh\u202Eevil' } }] };
    expect(serviceReceipt(result(inquiry, [hostile]), setting)).toBeNull();
  });

  it('property: any masked number, text or amount central sends fits a receipt or is refused whole, and no digits beyond the last four of a number are printed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6,20}$/), fc.string({ maxLength: 300 }), fc.double({ min: 0, max: 1e9, noNaN: true }), (digits, text, amount) => {
        const cells = [
          { key: 'n', label: w('رقم', 'Number'), value: { type: 'maskedNumber' as const, text: maskNumber(digits) } },
          { key: 't', label: w('نص', 'Text'), value: { type: 'text' as const, text } },
          { key: 'm', label: w('مبلغ', 'Amount'), value: { type: 'money' as const, amount } },
        ];
        const receipt = serviceReceipt(result(inquiry, [{ type: 'fields', fields: cells }]), setting);
        if (receipt === null) return;
        expect(receiptSchemas.inquiryResult.safeParse(receipt.input).success).toBe(true);
        const printed = (receipt.input as { sections: { groups: { value: unknown }[][] }[] }).sections[0]?.groups[0]?.[0]?.value;
        expect(printed).toBe(`${'*'.repeat(Math.max(4, digits.length - 4))}${digits.slice(-4)}`);
      }),
    );
  });

  it('values print in both languages: days with their plural, nothing given said so', () => {
    expect(receiptValue({ type: 'days', count: 1 })).toEqual({ ar: 'يوم واحد', en: '1 day' });
    expect(receiptValue({ type: 'days', count: 90 })).toEqual({ ar: '90 يوم', en: '90 days' });
    expect(receiptValue({ type: 'none' })).toEqual({ ar: 'غير مذكور', en: 'Not given' });
    expect(receiptValue({ type: 'text', text: 'x'.repeat(300) })).toHaveLength(120);
  });
});

describe('masked e-mail and address on a receipt', () => {
  it('property: a masked e-mail shows at most two characters of the name and always fits the receipt', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const masked = maskEmail(email);
        expect(masked.replace(/\*+(@.*)?$/, '').length).toBeLessThanOrEqual(2);
        const fits = receiptSchemas.emailChanged.safeParse({ kioskId: 'K-0001', reference: 'TX-0001', at: setting.at, idNumberLast4: '1234', maskedEmail: masked }).success;
        // fast-check's domains may have labels a mask keeps as they are; only a plain dotted domain is printed.
        if (/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(email.slice(email.lastIndexOf('@') + 1))) expect(fits).toBe(true);
      }),
    );
    expect(maskEmail('abeer.k@example.com')).toBe('ab*****@example.com');
    expect(maskEmail('ali@x.sa')).toBe('a***@x.sa');
    expect(maskEmail('not an e-mail')).toBe('********');
  });

  it('an address: the city and district, the postal code’s last two digits; never the street or building', () => {
    const masked = maskAddress({ city: 'Riyadh', district: 'Al Olaya', postalCode: '12214' });
    expect(masked).toEqual({ city: 'Riyadh', district: 'Al Olaya', postalCode: '***14' });
    expect(Object.keys(masked)).not.toContain('street');
  });
});
