import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankActivatedText, codeText, smsLanguage } from './messages';

/** The SMS texts as a person reads them, in both languages. */

const PURPOSES = ['registration', 'activation', 'signIn', 'passwordReset', 'usernameRecovery', 'mobileChange'] as const;

describe('SMS texts', () => {
  it('every code SMS, in both languages, word for word', () => {
    const all = Object.fromEntries(PURPOSES.map((p) => [p, { ar: codeText(p, '1234', 5, 'ar'), en: codeText(p, '1234', 5, 'en') }]));
    expect(all).toEqual({
      registration: {
        ar: 'رمز التحقق لتسجيل مستخدم جديد: 1234. صالح لمدة 5 دقائق. لا تشاركه مع أحد.',
        en: 'Verification code for your new account: 1234. Valid for 5 minutes. Do not share it with anyone.',
      },
      activation: {
        ar: 'رمز التحقق لتفعيل حسابك: 1234. صالح لمدة 5 دقائق. لا تشاركه مع أحد.',
        en: 'Verification code to activate your account: 1234. Valid for 5 minutes. Do not share it with anyone.',
      },
      signIn: {
        ar: 'كلمة المرور المؤقتة لتسجيل الدخول: 1234. صالحة لمدة 5 دقائق. لا تشاركها مع أحد.',
        en: 'Your temporary password to sign in: 1234. Valid for 5 minutes. Do not share it with anyone.',
      },
      passwordReset: {
        ar: 'رمز التحقق لاستعادة كلمة المرور: 1234. صالح لمدة 5 دقائق. لا تشاركه مع أحد.',
        en: 'Verification code to reset your password: 1234. Valid for 5 minutes. Do not share it with anyone.',
      },
      usernameRecovery: {
        ar: 'رمز التحقق لاستعادة اسم المستخدم: 1234. صالح لمدة 5 دقائق. لا تشاركه مع أحد.',
        en: 'Verification code to recover your username: 1234. Valid for 5 minutes. Do not share it with anyone.',
      },
      mobileChange: {
        ar: 'رمز التحقق لتحديث رقم الجوال: 1234. صالح لمدة 5 دقائق. لا تشاركه مع أحد.',
        en: 'Verification code to update your mobile number: 1234. Valid for 5 minutes. Do not share it with anyone.',
      },
    });
  });

  it('the activation SMS says "activation" once (it said كود التفعيل لتفعيل الحساب)', () => {
    expect(codeText('activation', '1234', 5, 'ar').match(/تفعيل/g)).toHaveLength(1);
    expect(codeText('activation', '1234', 5, 'en').match(/activat/gi)).toHaveLength(1);
  });

  it('counts minutes as each language does (Arabic: 1, 2, 3–10, 11+)', () => {
    const arabic = (minutes: number) => /صالح لمدة (.+)\. لا/.exec(codeText('activation', '1234', minutes, 'ar'))?.[1];
    expect([1, 2, 3, 10, 11, 15, 60, 103].map(arabic)).toEqual(['دقيقة واحدة', 'دقيقتين', '3 دقائق', '10 دقائق', '11 دقيقة', '15 دقيقة', '60 دقيقة', '103 دقائق']);
    expect(codeText('signIn', '1234', 1, 'en')).toContain('Valid for 1 minute.');
    expect(codeText('signIn', '1234', 2, 'en')).toContain('Valid for 2 minutes.');
  });

  it('any code, purpose, language and lifetime: the code appears once, and the text names its purpose once', () => {
    const purposeWord = { registration: /تسجيل|new account/g, activation: /تفعيل|activat/g, signIn: /الدخول|sign in/g, passwordReset: /كلمة المرور|password/g, usernameRecovery: /اسم المستخدم|username/g, mobileChange: /الجوال|mobile/g };
    fc.assert(
      fc.property(fc.constantFrom(...PURPOSES), fc.constantFrom('ar' as const, 'en' as const), fc.stringMatching(/^[0-9]{4,6}$/), fc.integer({ min: 1, max: 120 }), (purpose, language, code, minutes) => {
        const text = codeText(purpose, code, minutes, language);
        expect(text.split(code)).toHaveLength(2);
        expect(text.match(purposeWord[purpose])).toHaveLength(1);
      }),
    );
  });

  it('the ATM activation SMS, with and without a temporary password', () => {
    expect(bankActivatedText(null, 'ar')).toBe('تم تفعيل حسابك بنجاح.');
    expect(bankActivatedText('Ab3cd5Ef7G', 'ar')).toBe('تم تفعيل حسابك بنجاح. كلمة المرور المؤقتة: Ab3cd5Ef7G. يجب تغييرها عند أول تسجيل دخول.');
    expect(bankActivatedText('Ab3cd5Ef7G', 'en')).toBe('Your account is now active. Temporary password: Ab3cd5Ef7G. You must change it when you first sign in.');
  });

  it('the session’s language wins; without it, the account’s', () => {
    expect(smsLanguage('en', 'ar')).toBe('en');
    expect(smsLanguage('ar', 'en')).toBe('ar');
    expect(smsLanguage(null, 'en')).toBe('en');
  });
});
