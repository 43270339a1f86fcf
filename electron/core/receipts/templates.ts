import { RESULT_RECEIPT_TITLES } from '../../../common/wire/receipts';
import type { ReceiptData, ReceiptKind, ReceiptLevel, Localized } from './kinds';
import type { Block } from './layout';

/**
 * One template per receipt kind, in both languages: the portal's own words
 * (RULES.md, "Words the portal uses"), masked values only, and on every
 * receipt the kiosk, the time and the transaction reference.
 */

export type ReceiptLanguage = 'ar' | 'en';

const L = {
  idNumber: { ar: 'رقم الهوية / الإقامة', en: 'ID / Iqama number' },
  mobile: { ar: 'رقم الجوال', en: 'Mobile number' },
  username: { ar: 'اسم المستخدم', en: 'Username' },
  sentTo: { ar: 'أُرسل برسالة نصية إلى', en: 'Sent by SMS to' },
  kiosk: { ar: 'رقم الجهاز', en: 'Kiosk' },
  time: { ar: 'التاريخ والوقت', en: 'Date and time' },
  reference: { ar: 'الرقم المرجعي', en: 'Reference' },
  bankReference: { ar: 'مرجع البنك', en: 'Bank reference' },
  email: { ar: 'البريد الإلكتروني', en: 'E-mail' },
  city: { ar: 'المدينة', en: 'City' },
  district: { ar: 'الحي', en: 'District' },
  postalCode: { ar: 'الرمز البريدي', en: 'Postal code' },
  technician: { ar: 'الفني', en: 'Technician' },
  overall: { ar: 'النتيجة العامة', en: 'Overall' },
  automatic: { ar: 'الفحوص الآلية', en: 'Automatic checks' },
  manual: { ar: 'الفحوص اليدوية (آخر نتيجة)', en: 'Manual checks (last result)' },
  more: { ar: (n: number) => `سجلات أخرى في البوابة: ${n}`, en: (n: number) => `More on the portal: ${n}` },
  keep: { ar: 'احتفظ بهذا الإيصال', en: 'Please keep this receipt' },
  support: { ar: 'الدعم الفني', en: 'Support' },
  levels: {
    green: { ar: 'سليم', en: 'OK' },
    amber: { ar: 'تنبيه', en: 'Warning' },
    red: { ar: 'عطل', en: 'Fault' },
  } satisfies Record<ReceiptLevel, Localized>,
} as const;

const TITLES: Record<ReceiptKind, Localized> = {
  ...RESULT_RECEIPT_TITLES,
  atmActivationRequested: { ar: 'تم استلام طلب تفعيل الحساب', en: 'Activation request received' },
  inquiryResult: { ar: 'نتيجة الاستعلام', en: 'Inquiry result' },
  technicianReadiness: { ar: 'تقرير جاهزية الجهاز', en: 'Kiosk readiness report' },
};

const MESSAGES = {
  accountActivated: { ar: 'حسابك مفعّل الآن، ويمكنك تسجيل الدخول إلى خدماتك.', en: 'Your account is active. You can now sign in to your services.' },
  atmActivationRequested: { ar: 'سيصلك إشعار برسالة نصية عند اكتمال التفعيل.', en: 'You will receive an SMS when the activation is complete.' },
  passwordRecovered: { ar: 'سجّل الدخول بكلمة المرور الجديدة. لم تُطبع كلمة المرور على هذا الإيصال.', en: 'Sign in with your new password. The password is not printed on this receipt.' },
  usernameSent: { ar: 'أُرسل اسم المستخدم كاملاً برسالة نصية إلى جوالك المسجل.', en: 'Your full username was sent by SMS to your registered mobile.' },
  usernameNoMobile: { ar: 'لا يوجد رقم جوال مسجل؛ يرجى مراجعة مكتب الخدمة.', en: 'No mobile number is registered; please visit a service office.' },
  mobileChanged: { ar: 'ستصلك رموز التحقق على الرقم الجديد من الآن.', en: 'Verification codes will now be sent to the new number.' },
  inquiryResult: { ar: 'هذه النتيجة كما كانت وقت الطباعة.', en: 'This is the result as it stood when printed.' },
  formSubmitted: { ar: 'ستُبلَّغ بنتيجة طلبك برسالة نصية.', en: 'You will be told the outcome by SMS.' },
  emailChanged: { ar: 'ستصلك رسائل البوابة على البريد الإلكتروني الجديد.', en: 'Portal e-mails now go to the new address.' },
  addressChanged: { ar: 'حُدّث عنوانك الوطني المسجل في البوابة.', en: 'Your national address is updated on the portal.' },
} as const satisfies Record<string, Localized>;

const QR_CAPTIONS = {
  signIn: { ar: 'امسح الرمز لتسجيل الدخول إلى البوابة', en: 'Scan to sign in on the portal' },
  details: { ar: 'امسح الرمز لعرض التفاصيل', en: 'Scan for the details' },
} as const satisfies Record<string, Localized>;

/** As common/rules/idNumber maskIdNumber, from the last four digits only. */
function maskedId(last4: string): string {
  return `******${last4}`;
}

/** Local time as 2025-01-05 14:30 in both languages: digits a support line can read back. */
export function formatReceiptTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

type Common = ReceiptData<'accountActivated'>;

function header(data: Pick<Common, 'portalName'>, kind: ReceiptKind, lang: ReceiptLanguage): Block[] {
  return [
    { type: 'space', dots: 12 },
    { type: 'heading', text: data.portalName[lang], size: 'medium' },
    { type: 'space', dots: 6 },
    { type: 'heading', text: TITLES[kind][lang], size: 'large' },
    { type: 'space', dots: 6 },
    { type: 'rule' },
  ];
}

function footer(data: Pick<Common, 'kioskId' | 'reference' | 'at' | 'timeZone' | 'supportNumber'>, lang: ReceiptLanguage): Block[] {
  return [
    { type: 'rule' },
    { type: 'field', label: L.reference[lang], value: data.reference },
    { type: 'field', label: L.kiosk[lang], value: data.kioskId },
    { type: 'field', label: L.time[lang], value: formatReceiptTime(data.at, data.timeZone) },
    { type: 'rule' },
    { type: 'paragraph', text: L.keep[lang], align: 'center', small: true },
    { type: 'paragraph', text: `${L.support[lang]}: ${data.supportNumber}`, align: 'center', small: true },
    { type: 'space', dots: 24 },
  ];
}

const qr = (url: string | undefined, caption: Localized, lang: ReceiptLanguage): Block[] =>
  url ? [{ type: 'space', dots: 8 }, { type: 'qr', data: url, caption: caption[lang] }, { type: 'space', dots: 4 }] : [];

const message = (text: Localized, lang: ReceiptLanguage): Block[] => [{ type: 'space', dots: 6 }, { type: 'paragraph', text: text[lang] }, { type: 'space', dots: 6 }];

/** An inquiry's or a form's result as its screen showed it: the service, then each section (a table row by row, the rest counted). */
function serviceBody(data: ReceiptData<'inquiryResult'>, lang: ReceiptLanguage): Block[] {
  const blocks: Block[] = [{ type: 'heading', text: data.service[lang], size: 'medium' }, { type: 'space', dots: 6 }];
  if (data.idNumberLast4) blocks.push({ type: 'field', label: L.idNumber[lang], value: maskedId(data.idNumberLast4) });
  for (const section of data.sections) {
    blocks.push({ type: 'space', dots: 8 });
    if (section.title) blocks.push({ type: 'paragraph', text: section.title[lang], bold: true });
    section.groups.forEach((group, i) => {
      if (i > 0) blocks.push({ type: 'rule' });
      for (const cell of group) blocks.push({ type: 'field', label: cell.label[lang], value: typeof cell.value === 'string' ? cell.value : cell.value[lang] });
    });
    if (section.groups.length === 0 && section.empty) blocks.push({ type: 'paragraph', text: section.empty[lang] });
    if (section.more > 0) blocks.push({ type: 'paragraph', text: L.more[lang](section.more), small: true });
  }
  return blocks;
}

type Body<K extends ReceiptKind> = (data: ReceiptData<K>, lang: ReceiptLanguage) => Block[];

/** The labels a result's line may have (the plain ones: words in both languages). */
type Label = { [K in keyof typeof L]: (typeof L)[K] extends Localized ? K : never }[keyof typeof L];

/**
 * A result's receipt of labelled lines (the ID first), its message, and its
 * QR code if it has one. A line whose value is left out (null, undefined)
 * is not printed.
 */
function labelled(lang: ReceiptLanguage, idNumberLast4: string, lines: readonly (readonly [Label, string | null | undefined])[], text: Localized, link?: readonly [string | undefined, Localized]): Block[] {
  const fields: Block[] = [['idNumber', maskedId(idNumberLast4)] as const, ...lines].flatMap(([label, value]) => (value ? [{ type: 'field', label: L[label][lang], value } as const] : []));
  return [...fields, ...message(text, lang), ...(link ? qr(link[0], link[1], lang) : [])];
}

const bodies: { [K in ReceiptKind]: Body<K> } = {
  accountActivated: (data, lang) => labelled(lang, data.idNumberLast4, [['mobile', data.maskedMobile]], MESSAGES.accountActivated, [data.signInUrl, QR_CAPTIONS.signIn]),
  atmActivationRequested: (data, lang) =>
    labelled(lang, data.idNumberLast4, [['mobile', data.maskedMobile], ['bankReference', data.bankReference]], MESSAGES.atmActivationRequested),
  passwordRecovered: (data, lang) => labelled(lang, data.idNumberLast4, [], MESSAGES.passwordRecovered, [data.signInUrl, QR_CAPTIONS.signIn]),
  usernameRecovered: (data, lang) =>
    labelled(lang, data.idNumberLast4, [['username', data.maskedUsername], ['sentTo', data.sentTo]], data.sentTo ? MESSAGES.usernameSent : MESSAGES.usernameNoMobile),
  mobileChanged: (data, lang) => labelled(lang, data.idNumberLast4, [['mobile', data.maskedMobile]], MESSAGES.mobileChanged),
  inquiryResult: (data, lang) => [...serviceBody(data, lang), ...message(MESSAGES.inquiryResult, lang), ...qr(data.detailsUrl, QR_CAPTIONS.details, lang)],
  formSubmitted: (data, lang) => [...serviceBody(data, lang), ...message(MESSAGES.formSubmitted, lang), ...qr(data.detailsUrl, QR_CAPTIONS.details, lang)],
  emailChanged: (data, lang) => labelled(lang, data.idNumberLast4, [['email', data.maskedEmail]], MESSAGES.emailChanged),
  addressChanged: (data, lang) =>
    labelled(lang, data.idNumberLast4, [['city', data.city[lang]], ['district', data.district], ['postalCode', data.postalCode]], MESSAGES.addressChanged),
  technicianReadiness: (data, lang) => {
    const checks = (kind: 'automatic' | 'manual'): Block[] =>
      data.checks
        .filter((check) => check.kind === kind)
        .map((check) => ({ type: 'check', label: check.label[lang], level: check.level, levelText: L.levels[check.level][lang], detail: check.detail }));
    const automatic = checks('automatic');
    const manual = checks('manual');
    return [
      ...(data.technicianLast4 ? [{ type: 'field', label: L.technician[lang], value: `****${data.technicianLast4}` } as const] : []),
      { type: 'check', label: L.overall[lang], level: data.overall, levelText: L.levels[data.overall][lang] },
      { type: 'space', dots: 8 },
      ...(automatic.length ? [{ type: 'paragraph', text: L.automatic[lang], bold: true } as const, ...automatic, { type: 'space', dots: 8 } as const] : []),
      ...(manual.length ? [{ type: 'paragraph', text: L.manual[lang], bold: true } as const, ...manual, { type: 'space', dots: 8 } as const] : []),
    ];
  },
};

export function receiptBlocks<K extends ReceiptKind>(kind: K, data: ReceiptData<K>, lang: ReceiptLanguage): Block[] {
  const body = bodies[kind] as Body<K>;
  return [...header(data, kind, lang), { type: 'space', dots: 6 }, ...body(data, lang), ...footer(data, lang)];
}
