import { RESULT_RECEIPT_TITLES, type ResultReceiptKind } from '../../common/wire/receipts';
import words from './words.json' with { type: 'json' };

/**
 * SMS texts. The portal's own words (RULES.md vocabulary) where it has them.
 * A text is written in the language of the kiosk session that caused it when
 * the kiosk said it (Accept-Language), else in the account's (smsLanguage).
 */
export type Language = 'ar' | 'en';

/** The session's language when the kiosk call said it; otherwise the account's (or, for a registration, the one chosen for it). */
export function smsLanguage(session: Language | null, account: Language): Language {
  return session ?? account;
}

/**
 * What a code is for, and what it is called (words.json; RULES.md: رمز
 * التحقق "verification code"; the sign-in code is كلمة المرور المؤقتة
 * "temporary password"). Each
 * names its journey once. `feminine`: the Arabic noun (كلمة) is feminine, so
 * "valid" and "share it" agree with it.
 */
const PURPOSE_TEXT: Readonly<Record<string, { ar: string; en: string; feminine?: boolean }>> = words.purposes;

/** "for N minutes" with Arabic's counted forms: دقيقة واحدة، دقيقتين، 3–10 دقائق، 11+ دقيقة. */
function minutesText(minutes: number, language: Language): string {
  if (language === 'en') return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  if (minutes === 1) return 'دقيقة واحدة';
  if (minutes === 2) return 'دقيقتين';
  const lastTwo = minutes % 100;
  return lastTwo >= 3 && lastTwo <= 10 ? `${minutes} دقائق` : `${minutes} دقيقة`;
}

export function codeText(purpose: string, code: string, minutes: number, language: Language): string {
  const lead = PURPOSE_TEXT[purpose] ?? PURPOSE_TEXT.registration;
  const duration = minutesText(minutes, language);
  if (language === 'en') return `${lead?.en ?? ''}: ${code}. Valid for ${duration}. Do not share it with anyone.`;
  return lead?.feminine
    ? `${lead.ar}: ${code}. صالحة لمدة ${duration}. لا تشاركها مع أحد.`
    : `${lead?.ar ?? ''}: ${code}. صالح لمدة ${duration}. لا تشاركه مع أحد.`;
}

/**
 * Notices after a change (words.json). `mobileChangedAway` goes to the number
 * the account had, after it moved to a new one (as the portal tells the old
 * number).
 */
export const NOTICES = words.notices satisfies Record<string, Record<Language, string>>;

/** Clock time as the receipt prints it: `2026-12-03 16:04`, Riyadh time. */
function receiptTime(at: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * A receipt the printer could not print, by SMS: what the paper would show
 * and nothing more (the title, the reference, the kiosk, the time, the ID's
 * last four digits); never a username, password or code. The title is the
 * printed receipt's (common/wire/receipts.ts).
 */
export function receiptText(kind: ResultReceiptKind, receipt: { reference: string; kioskId: string; at: number; idLast4: string }, language: Language): string {
  const title = RESULT_RECEIPT_TITLES[kind][language];
  const time = receiptTime(receipt.at);
  return language === 'ar'
    ? `إيصال: ${title}. الرقم المرجعي: ${receipt.reference}. رقم الجهاز: ${receipt.kioskId}. التاريخ والوقت: ${time}. رقم الهوية ينتهي بـ ${receipt.idLast4}. احتفظ بهذه الرسالة.`
    : `Receipt: ${title}. Reference: ${receipt.reference}. Kiosk: ${receipt.kioskId}. Date and time: ${time}. ID ending ${receipt.idLast4}. Please keep this message.`;
}

export function usernameText(username: string, language: Language): string {
  return language === 'ar' ? `اسم المستخدم الخاص بك: ${username}` : `Your username: ${username}`;
}

/** The ATM activation's SMS: no kiosk call causes it (central sends it later), so it is always in the account's language. */
export function bankActivatedText(temporaryPassword: string | null, language: Language): string {
  const base = NOTICES.activated[language];
  if (!temporaryPassword) return base;
  return language === 'ar'
    ? `${base} كلمة المرور المؤقتة: ${temporaryPassword}. يجب تغييرها عند أول تسجيل دخول.`
    : `${base} Temporary password: ${temporaryPassword}. You must change it when you first sign in.`;
}
