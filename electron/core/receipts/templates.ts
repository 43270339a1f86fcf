import { RESULT_RECEIPT_TITLES } from '../../../common/wire/receipts';
import type { ReceiptData, ReceiptKind, ReceiptLevel, Localized } from './kinds';
import type { Block } from './layout';
import words from './words.json' with { type: 'json' };

/**
 * One template per receipt kind, in both languages: the portal's own words
 * (RULES.md, "Words the portal uses"), masked values only, and on every
 * receipt the kiosk, the time and the transaction reference.
 */

export type ReceiptLanguage = 'ar' | 'en';

/** The receipts' words in both languages (words.json: text a translator can edit without touching code). */
const L = words.labels;
const LEVELS: Record<ReceiptLevel, Localized> = words.levels;
const TITLES: Record<ReceiptKind, Localized> = { ...RESULT_RECEIPT_TITLES, ...words.titles };
const MESSAGES = words.messages;
const QR_CAPTIONS = words.qrCaptions;

/** "More on the portal: {n}" with the count in. */
const more = (n: number, lang: ReceiptLanguage): string => L.more[lang].replace('{n}', String(n));

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
    if (section.more > 0) blocks.push({ type: 'paragraph', text: more(section.more, lang), small: true });
  }
  return blocks;
}

type Body<K extends ReceiptKind> = (data: ReceiptData<K>, lang: ReceiptLanguage) => Block[];

/** The labels a result's line may have (the plain ones: words in both languages). */
type Label = Exclude<keyof typeof L, 'more'>;

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
        .map((check) => ({ type: 'check', label: check.label[lang], level: check.level, levelText: LEVELS[check.level][lang], detail: check.detail }));
    const automatic = checks('automatic');
    const manual = checks('manual');
    return [
      ...(data.technicianLast4 ? [{ type: 'field', label: L.technician[lang], value: `****${data.technicianLast4}` } as const] : []),
      { type: 'check', label: L.overall[lang], level: data.overall, levelText: LEVELS[data.overall][lang] },
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
