import type { ReceiptInput, ReceiptKind } from '../kinds';

/** One filled-in receipt of each kind: the golden specs, the bench and the dev dock print these. */

const common = { kioskId: 'K-RUH-0042', at: '2025-03-09T11:45:00Z', timeZone: 'Asia/Riyadh' } as const;

export const SAMPLE_RECEIPTS: { readonly [K in ReceiptKind]: ReceiptInput<K> } = {
  accountActivated: { ...common, reference: 'TX-7F3A9C21', idNumberLast4: '4821', maskedMobile: '05X XXX X317', signInUrl: 'https://portal.example.sa/signin' },
  atmActivationRequested: { ...common, reference: 'TX-0B44E610', idNumberLast4: '9034', maskedMobile: '05X XXX X552', bankReference: 'BNK-20250309-118' },
  passwordRecovered: { ...common, reference: 'TX-5D21C0FE', idNumberLast4: '1177', signInUrl: 'https://portal.example.sa/signin' },
  usernameRecovered: { ...common, reference: 'TX-93AA1B07', idNumberLast4: '6610', maskedUsername: 'Ah******7', sentTo: '05X XXX X908' },
  mobileChanged: { ...common, reference: 'TX-2C7719D4', idNumberLast4: '3305', maskedMobile: '05X XXX X246' },
  inquiryResult: {
    ...common,
    reference: '01JD8Z4K6Q3V7W9X2Y5T1R0PAB',
    idNumberLast4: '2290',
    service: { ar: 'المخالفات المرورية', en: 'Traffic violations' },
    sections: [
      {
        groups: [
          [
            { label: { ar: 'رقم المخالفة', en: 'Violation number' }, value: '******7890' },
            { label: { ar: 'المخالفة', en: 'Violation' }, value: { ar: 'تجاوز السرعة المحددة', en: 'Speeding' } },
            { label: { ar: 'التاريخ', en: 'Date' }, value: '2025-02-14' },
            { label: { ar: 'المبلغ', en: 'Amount' }, value: { ar: '300.00 ريال', en: '300.00 SAR' } },
            { label: { ar: 'الحالة', en: 'Status' }, value: { ar: 'غير مدفوعة', en: 'Unpaid' } },
          ],
          [
            { label: { ar: 'رقم المخالفة', en: 'Violation number' }, value: '******1204' },
            { label: { ar: 'المخالفة', en: 'Violation' }, value: { ar: 'الوقوف في مكان ممنوع', en: 'No-parking zone' } },
            { label: { ar: 'التاريخ', en: 'Date' }, value: '2024-11-02' },
            { label: { ar: 'المبلغ', en: 'Amount' }, value: { ar: '150.00 ريال', en: '150.00 SAR' } },
            { label: { ar: 'الحالة', en: 'Status' }, value: { ar: 'مدفوعة', en: 'Paid' } },
          ],
        ],
        more: 3,
      },
    ],
    detailsUrl: 'https://portal.example.sa/traffic/violations',
  },
  formSubmitted: {
    ...common,
    reference: 'TX-AB12CD34',
    idNumberLast4: '5518',
    service: { ar: 'الاعتراض على المخالفات', en: 'Object to a violation' },
    sections: [
      {
        groups: [
          [
            { label: { ar: 'رقم الاعتراض', en: 'Objection number' }, value: 'OBJ-1A2B3C4D' },
            { label: { ar: 'رقم المخالفة', en: 'Violation number' }, value: '******7890' },
            { label: { ar: 'الحالة', en: 'Status' }, value: { ar: 'قيد الاعتراض', en: 'Under objection' } },
          ],
        ],
      },
    ],
  },
  emailChanged: { ...common, reference: 'TX-4E5F6071', idNumberLast4: '3305', maskedEmail: 'ab******@example.com' },
  addressChanged: { ...common, reference: 'TX-8091A2B3', idNumberLast4: '3305', city: { ar: 'الرياض', en: 'Riyadh' }, district: 'العليا', postalCode: '***14' },
  technicianReadiness: {
    ...common,
    reference: 'RR-20250309-01',
    technicianLast4: 'T7Q2',
    overall: 'amber',
    checks: [
      { label: { ar: 'قارئ البطاقات', en: 'Card reader' }, level: 'green' },
      { label: { ar: 'جهاز البصمة', en: 'Fingerprint reader' }, level: 'green' },
      { label: { ar: 'الطابعة', en: 'Printer' }, level: 'amber', detail: 'paper near end' },
      { label: { ar: 'الاتصال بالخادم المركزي', en: 'Central server' }, level: 'green', detail: 'RTT 42 ms' },
      { label: { ar: 'شاشة اللمس', en: 'Touch screen' }, level: 'green', kind: 'manual' },
      { label: { ar: 'السماعة', en: 'Headset' }, level: 'red', kind: 'manual', detail: 'no sound on the left' },
    ],
  },
};
