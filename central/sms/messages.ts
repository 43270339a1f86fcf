/** SMS texts in the account's language. The portal's own words (RULES.md vocabulary) where it has them. */
export type Language = 'ar' | 'en';

const PURPOSE_TEXT: Record<string, Record<Language, string>> = {
  registration: { ar: 'رمز التحقق لتسجيل مستخدم جديد', en: 'Verification code for your new account' },
  activation: { ar: 'كود التفعيل لتفعيل الحساب', en: 'Activation code for your account' },
  signIn: { ar: 'كلمة المرور المؤقتة لتسجيل الدخول', en: 'Your temporary password to sign in' },
  passwordReset: { ar: 'رمز التحقق لاستعادة كلمة المرور', en: 'Verification code to reset your password' },
  usernameRecovery: { ar: 'رمز التحقق لاستعادة اسم المستخدم', en: 'Verification code to recover your username' },
  mobileChange: { ar: 'رمز التحقق لتحديث رقم الجوال', en: 'Verification code to update your mobile number' },
};

export function codeText(purpose: string, code: string, minutes: number, language: Language): string {
  const lead = PURPOSE_TEXT[purpose]?.[language] ?? PURPOSE_TEXT.registration?.[language] ?? '';
  return language === 'ar'
    ? `${lead}: ${code}. صالح لمدة ${minutes} دقائق. لا تشاركه مع أحد.`
    : `${lead}: ${code}. Valid for ${minutes} minutes. Do not share it with anyone.`;
}

export const NOTICES = {
  registered: { ar: 'تم إنشاء حسابك بنجاح. يمكنك تفعيله من أقرب جهاز خدمة ذاتية.', en: 'Your account has been created. Activate it at any self-service kiosk.' },
  activated: { ar: 'تم تفعيل حسابك بنجاح.', en: 'Your account is now active.' },
  passwordUpdated: { ar: 'تم تحديث كلمة المرور بنجاح', en: 'Password updated successfully' },
  mobileUpdated: { ar: 'تم تحديث رقم الجوال المسجل في حسابك.', en: 'The mobile number on your account has been updated.' },
  mobileRemoved: { ar: 'تم نقل رقم جوالك إلى حساب آخر بعد التحقق من الهوية.', en: 'Your mobile number was moved to another account after an identity check.' },
  emailUpdated: { ar: 'تم تحديث البريد الإلكتروني.', en: 'Your e-mail address has been updated.' },
  addressUpdated: { ar: 'تم تحديث العنوان الوطني.', en: 'Your national address has been updated.' },
} as const satisfies Record<string, Record<Language, string>>;

export function usernameText(username: string, language: Language): string {
  return language === 'ar' ? `اسم المستخدم الخاص بك: ${username}` : `Your username: ${username}`;
}

export function bankActivatedText(temporaryPassword: string | null, language: Language): string {
  const base = NOTICES.activated[language];
  if (!temporaryPassword) return base;
  return language === 'ar'
    ? `${base} كلمة المرور المؤقتة: ${temporaryPassword} ويجب تغييرها عند أول تسجيل دخول.`
    : `${base} Temporary password: ${temporaryPassword} — you must change it when you first sign in.`;
}
