import { RESULT_RECEIPT_TITLES, type ResultReceiptKind } from '../../common/wire/receipts';

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
 * What a code is for, and what it is called (RULES.md: رمز التحقق "verification
 * code"; the sign-in code is كلمة المرور المؤقتة "temporary password"). Each
 * names its journey once. `feminine`: the Arabic noun (كلمة) is feminine, so
 * "valid" and "share it" agree with it.
 */
const PURPOSE_TEXT: Record<string, { ar: string; en: string; feminine?: true }> = {
  registration: { ar: 'رمز التحقق لتسجيل مستخدم جديد', en: 'Verification code for your new account' },
  activation: { ar: 'رمز التحقق لتفعيل حسابك', en: 'Verification code to activate your account' },
  signIn: { ar: 'كلمة المرور المؤقتة لتسجيل الدخول', en: 'Your temporary password to sign in', feminine: true },
  passwordReset: { ar: 'رمز التحقق لاستعادة كلمة المرور', en: 'Verification code to reset your password' },
  usernameRecovery: { ar: 'رمز التحقق لاستعادة اسم المستخدم', en: 'Verification code to recover your username' },
  mobileChange: { ar: 'رمز التحقق لتحديث رقم الجوال', en: 'Verification code to update your mobile number' },
  emailChange: { ar: 'رمز التحقق لتعديل البريد الإلكتروني', en: 'Verification code to change your e-mail address' },
  passwordChange: { ar: 'رمز التحقق لتغيير كلمة المرور', en: 'Verification code to change your password' },
  mobileChangeCurrent: { ar: 'رمز التحقق لتغيير رقم الجوال المسجل', en: 'Verification code to change your registered mobile number' },
  mobileChangeNew: { ar: 'رمز التحقق لتسجيل رقم الجوال الجديد', en: 'Verification code to register your new mobile number' },
};

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

export const NOTICES = {
  registered: { ar: 'تم إنشاء حسابك بنجاح. يمكنك تفعيله من أقرب جهاز خدمة ذاتية.', en: 'Your account has been created. Activate it at any self-service kiosk.' },
  activated: { ar: 'تم تفعيل حسابك بنجاح.', en: 'Your account is now active.' },
  passwordUpdated: { ar: 'تم تحديث كلمة المرور بنجاح', en: 'Password updated successfully' },
  mobileUpdated: { ar: 'تم تحديث رقم الجوال المسجل في حسابك.', en: 'The mobile number on your account has been updated.' },
  /** To the number the account had, after it moved to a new one (as the portal tells the old number). */
  mobileChangedAway: {
    ar: 'تم تغيير رقم الجوال المسجل في حسابك، ولن تصل رسائل الحساب إلى هذا الرقم بعد الآن. إن لم تطلب ذلك فتواصل مع الدعم فوراً.',
    en: 'The mobile number on your account has been changed: account messages will no longer come to this number. If you did not ask for this, contact support at once.',
  },
  mobileRemoved: { ar: 'تم نقل رقم جوالك إلى حساب آخر بعد التحقق من الهوية.', en: 'Your mobile number was moved to another account after an identity check.' },
  emailUpdated: { ar: 'تم تحديث بريدك الإلكتروني.', en: 'Your e-mail address has been updated.' },
  addressUpdated: { ar: 'تم تحديث عنوانك الوطني.', en: 'Your national address has been updated.' },
} as const satisfies Record<string, Record<Language, string>>;

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
