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
    reference: 'TX-61F0A3B8',
    idNumberLast4: '2290',
    inquiry: { ar: 'حالة تأشيرة الخروج والعودة', en: 'Exit/re-entry visa status' },
    rows: [
      { label: { ar: 'رقم التأشيرة', en: 'Visa number' }, value: '4012345678' },
      { label: { ar: 'النوع', en: 'Type' }, value: { ar: 'مفردة', en: 'Single' } },
      { label: { ar: 'الحالة', en: 'Status' }, value: { ar: 'صادرة', en: 'Issued' } },
      { label: { ar: 'صالحة حتى', en: 'Valid until' }, value: '2025-06-30' },
      { label: { ar: 'المدة', en: 'Duration' }, value: { ar: '90 يوماً', en: '90 days' } },
    ],
    detailsUrl: 'https://portal.example.sa/visas/exit-reentry',
  },
  objectionFiled: { ...common, reference: 'TX-AB12CD34', idNumberLast4: '5518', objectionId: 'OBJ-1A2B3C4D', violationNumber: '1234567890', statusUrl: 'https://portal.example.sa/traffic/objections' },
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
