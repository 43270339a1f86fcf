// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { JourneyView } from '../contract';
import { mountKiosk, settle } from '../../test/mountKiosk';

/**
 * The journey screens against the fake core: which step component draws a
 * view, what the person can do there (only what the view accepts), and what
 * is sent back. The real machines are exercised end to end in test/e2e.
 */

type Kiosk = Awaited<ReturnType<typeof mountKiosk>>;
let kiosk: Kiosk | null = null;
afterEach(() => {
  kiosk?.unmount();
  kiosk = null;
});

const byTestId = (k: Kiosk, id: string) => k.wrapper.find(`[data-testid="${id}"]`);
const journeyEvents = (k: Kiosk) => k.core.calls.filter((c) => c.procedure === 'journeyEvent').map((c) => c.input);

async function press(keys: string): Promise<void> {
  for (const key of keys) {
    const button = document.querySelector<HTMLElement>(`[data-testid="keyboard"] [data-skbtn="${key}"]`);
    if (!button) throw new Error(`no key ${key}`);
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    button.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
  }
  await settle();
}

/** A kiosk in a session with every journey offered, on the services menu. */
async function inSession(): Promise<Kiosk> {
  kiosk = await mountKiosk();
  for (const s of ['register', 'activate', 'signIn', 'recoverPassword', 'recoverUsername', 'updateMobile']) kiosk.core.availableServices.add(s);
  await byTestId(kiosk, 'attract-start').trigger('click');
  await settle();
  return kiosk;
}

async function show(k: Kiosk, view: Partial<JourneyView> & Pick<JourneyView, 'step'>): Promise<void> {
  k.core.showJourney(view);
  await settle();
}

describe('starting a journey', () => {
  it('an available service tile starts its journey; the menu gives way to the step', async () => {
    const k = await inSession();
    expect(byTestId(k, 'service-activate').attributes('data-available')).toBe('true');
    await byTestId(k, 'service-activate').trigger('click');
    await settle();
    expect(k.core.calls.find((c) => c.procedure === 'startJourney')?.input).toEqual({ service: 'activate' });
    expect(byTestId(k, 'screen-services').exists()).toBe(false);
    expect(byTestId(k, 'screen-journey').attributes('data-step')).toBe('activate.id');
    expect(byTestId(k, 'explain-dialog').exists()).toBe(false);
  });

  it('an unavailable service still explains itself instead', async () => {
    const k = await inSession();
    await byTestId(k, 'service-visaStatus').trigger('click');
    await settle();
    expect(k.core.calls.map((c) => c.procedure)).not.toContain('startJourney');
    expect(byTestId(k, 'explain-dialog').exists()).toBe(true);
  });

  it('cancel asks first, then goes back to the services', async () => {
    const k = await inSession();
    await byTestId(k, 'service-activate').trigger('click');
    await settle();
    await byTestId(k, 'journey-cancel').trigger('click');
    await settle();
    expect(byTestId(k, 'journey-cancel-dialog').exists()).toBe(true);
    expect(k.core.calls.map((c) => c.procedure)).not.toContain('cancelJourney');
    await byTestId(k, 'journey-cancel-confirm').trigger('click');
    await settle();
    expect(k.core.calls.map((c) => c.procedure)).toContain('cancelJourney');
    expect(byTestId(k, 'screen-services').exists()).toBe(true);
  });
});

describe('the ID step', () => {
  it('checks the number as it is typed, Eastern Arabic digits included, and sends it normalised', async () => {
    const k = await inSession();
    await byTestId(k, 'service-activate').trigger('click');
    await settle();
    await press('10000');
    expect(byTestId(k, 'id-hint').text()).toContain('5');
    expect(byTestId(k, 'journey-next').attributes('disabled')).toBeDefined();
    await byTestId(k, 'id-number').setValue('١٠٠٠٠٠٠٠٠٠');
    expect(byTestId(k, 'id-hint').text()).toContain('ليس رقم هوية صحيحًا');
    await byTestId(k, 'id-number').setValue('١٠٠٠٠٠٠٠٠٨');
    await settle();
    expect(byTestId(k, 'id-hint').text()).toContain('هوية وطنية');
    await byTestId(k, 'journey-next').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SUBMIT_ID', idNumber: '1000000008' }]);
  });

  it('offers the card only where the step takes it, and the card prompt shows the slot', async () => {
    const k = await inSession();
    await show(k, { step: 'activate.id', accepts: ['SUBMIT_ID'] });
    expect(byTestId(k, 'journey-use-card').exists()).toBe(false);
    await show(k, { step: 'activate.id', accepts: ['SUBMIT_ID', 'USE_CARD'], error: { code: 'card_timeout', retryable: true } });
    expect(byTestId(k, 'journey-error').text()).toContain('لم تُدخل بطاقة');
    await byTestId(k, 'journey-use-card').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'USE_CARD' }]);
    await show(k, { step: 'activate.readCard', accepts: ['BACK'], canGoBack: true });
    expect(byTestId(k, 'card-slot-art').exists()).toBe(true);
    expect(byTestId(k, 'journey-back').exists()).toBe(true);
  });
});

describe('the fingerprint step', () => {
  it('follows the reader’s guidance and always shows the way without a fingerprint where there is one', async () => {
    const k = await inSession();
    await show(k, { step: 'recoverPassword.fingerprint.capturing', accepts: ['USE_ALTERNATIVE', 'BACK'], canGoBack: true, data: { guidance: 'placeFinger' } });
    expect(byTestId(k, 'fingerprint-guidance').text()).toBe('ضع إصبعك على جهاز البصمة');
    expect(byTestId(k, 'journey-alternative').text()).toContain('رقم الجوال');
    await show(k, { step: 'recoverPassword.fingerprint.capturing', accepts: ['USE_ALTERNATIVE', 'BACK'], canGoBack: true, data: { guidance: 'liftAndPlaceAgain' } });
    expect(byTestId(k, 'fingerprint-guidance').text()).toContain('ارفع إصبعك');
    await show(k, {
      step: 'recoverPassword.fingerprint.failed',
      accepts: ['RETRY', 'USE_ALTERNATIVE', 'BACK'],
      canGoBack: true,
      error: { code: 'fingerprint_no_match', retryable: true },
      data: { attemptsRemaining: 2 },
    });
    expect(byTestId(k, 'journey-error').text()).toContain('البصمة غير مطابقة');
    expect(byTestId(k, 'attempts-remaining').text()).toBe('تبقّت محاولتان');
    await byTestId(k, 'journey-retry').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'RETRY' }]);
  });

  it('offers no alternative where the step does not accept one', async () => {
    const k = await inSession();
    await show(k, { step: 'activate.fingerprint.capturing', accepts: ['BACK'], canGoBack: true });
    expect(byTestId(k, 'journey-alternative').exists()).toBe(false);
  });
});

describe('the code step', () => {
  it('shows where the code went, counts down, and sends it once all boxes are filled', async () => {
    const k = await inSession();
    const now = k.core.snapshot().now;
    await show(k, {
      step: 'activate.code.entry',
      accepts: ['SUBMIT_CODE', 'RESEND_CODE'],
      data: { code: { sentTo: '05X XXX X829', length: 4, expiresAt: now + 300_000, resendAvailableAt: now + 60_000 } },
    });
    expect(byTestId(k, 'code-sent-to').text()).toBe('05X XXX X829');
    expect(k.wrapper.findAll('[data-testid="code-box"]')).toHaveLength(4);
    expect(byTestId(k, 'code-expiry').text()).toMatch(/[45]:[0-5][0-9]/);
    expect(byTestId(k, 'journey-resend').attributes('disabled')).toBeDefined();
    expect(byTestId(k, 'resend-countdown').text()).toMatch(/[01]:[0-5][0-9]/);
    // Nothing of the code is put where a screen reader would read it out.
    expect(byTestId(k, 'code-boxes').attributes('aria-hidden')).toBe('true');
    await press('482');
    expect(journeyEvents(k)).toEqual([]);
    await press('1');
    expect(journeyEvents(k)).toEqual([{ type: 'SUBMIT_CODE', code: '4821' }]);
  });

  it('a voided code leaves only "send a new code"', async () => {
    const k = await inSession();
    const now = k.core.snapshot().now;
    await show(k, {
      step: 'signIn.code.needNewCode',
      accepts: ['RESEND_CODE'],
      error: { code: 'otp_voided', retryable: true },
      data: { code: { sentTo: '05X XXX X580', length: 6, expiresAt: now + 1000, resendAvailableAt: now - 1000 } },
    });
    expect(byTestId(k, 'step-title').text()).toBe('أدخل كلمة المرور المؤقتة');
    // One word per screen: sign-in's problem says "temporary password" too, never "code" (الرمز).
    expect(byTestId(k, 'journey-error').text()).toContain('أُلغيت كلمة المرور المؤقتة');
    expect(byTestId(k, 'journey-error').text()).not.toContain('الرمز');
    expect(byTestId(k, 'keyboard').exists()).toBe(false);
    expect(byTestId(k, 'journey-resend').attributes('disabled')).toBeUndefined();
    await byTestId(k, 'journey-resend').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'RESEND_CODE' }]);
  });
  it('the same problem on a registration code step says "code"', async () => {
    const k = await inSession();
    const now = k.core.snapshot().now;
    await show(k, {
      step: 'register.code.needNewCode',
      accepts: ['RESEND_CODE'],
      error: { code: 'otp_expired', retryable: true },
      data: { code: { sentTo: '05X XXX X580', length: 4, expiresAt: now - 1000, resendAvailableAt: now - 1000 } },
    });
    expect(byTestId(k, 'journey-error').text()).toContain('انتهت صلاحية الرمز');
    expect(byTestId(k, 'journey-error').text()).not.toContain('كلمة المرور المؤقتة');
  });
});

describe('sign in', () => {
  it('types the username and password on the English keyboard, hidden until asked', async () => {
    const k = await inSession();
    await byTestId(k, 'service-signIn').trigger('click');
    await settle();
    const password = byTestId(k, 'password');
    expect(password.attributes('type')).toBe('password');
    await byTestId(k, 'login').trigger('focus');
    await press('faisal');
    await password.trigger('focus');
    await press('kiosk');
    await byTestId(k, 'password-show').trigger('click');
    await settle();
    expect(byTestId(k, 'password').attributes('type')).toBe('text');
    await byTestId(k, 'journey-next').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SUBMIT_CREDENTIALS', login: 'faisal', password: 'kiosk' }]);
  });

  it('a locked account: the lock’s remaining time, and password recovery offered', async () => {
    const k = await inSession();
    const now = k.core.snapshot().now;
    await show(k, { step: 'signIn.locked', accepts: ['RECOVER_PASSWORD', 'FINISH'], error: { code: 'account_locked', retryable: false }, data: { lockedUntil: now + 29 * 60_000 } });
    expect(byTestId(k, 'lock-countdown').text()).toMatch(/2[89]:[0-5][0-9]/);
    expect(byTestId(k, 'journey-recover-password').exists()).toBe(true);
    expect(byTestId(k, 'journey-activate-now').exists()).toBe(false);
    expect(byTestId(k, 'journey-cancel').exists()).toBe(false);
    // An error screen shows the portal's support numbers (RULES.md "Help").
    expect(byTestId(k, 'support-number').exists()).toBe(true);
  });

  it('signed in: the person’s name, their services shown unavailable, and sign out', async () => {
    const k = await inSession();
    await show(k, { step: 'signIn.signedIn', accepts: ['SIGN_OUT'], data: { fullName: { ar: 'فيصل الحربي', en: 'Faisal Alharbi' }, services: ['changeEmail', 'visaStatus', 'nonsense'] } });
    expect(byTestId(k, 'signed-in-home').text()).toContain('فيصل الحربي');
    // Among their own services now, not in "Sign in".
    expect(byTestId(k, 'journey-service').text()).toBe('خدماتي');
    expect(k.wrapper.findAll('[data-testid^="service-"][data-available="false"]')).toHaveLength(2);
    await byTestId(k, 'journey-sign-out').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SIGN_OUT' }]);
  });
});

describe('registration fields', () => {
  it('ticks the password rules as they are met and checks the confirmation', async () => {
    const k = await inSession();
    await show(k, { step: 'register.password', accepts: ['SUBMIT_PASSWORD', 'BACK'], canGoBack: true });
    const state = (rule: string) => k.wrapper.find(`[data-rule="${rule}"]`).attributes('data-state');
    expect(state('tooShort')).toBe('unmet');
    await press('abc');
    expect(state('noLowercase')).toBe('met');
    expect(state('noUppercase')).toBe('unmet');
    await byTestId(k, 'new-password').setValue('Kiosk2030demo');
    await settle();
    for (const rule of ['tooShort', 'noUppercase', 'noLowercase', 'noDigit', 'repeatedCharacter']) expect(state(rule), rule).toBe('met');
    await byTestId(k, 'new-password-confirmation').setValue('Kiosk2030dem');
    expect(byTestId(k, 'password-match').text()).toContain('غير متطابقين');
    expect(byTestId(k, 'journey-next').attributes('disabled')).toBeDefined();
    await byTestId(k, 'new-password-confirmation').setValue('Kiosk2030demo');
    await byTestId(k, 'journey-next').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SUBMIT_PASSWORD', password: 'Kiosk2030demo', confirmation: 'Kiosk2030demo' }]);
  });

  it('previews the mobile number in any accepted spelling', async () => {
    const k = await inSession();
    await show(k, { step: 'register.mobile', accepts: ['SUBMIT_MOBILE', 'BACK'], canGoBack: true });
    await byTestId(k, 'mobile-number').setValue('+966 5٤8 986 580');
    await settle();
    expect(byTestId(k, 'mobile-preview').text()).toContain('054 898 6580');
    await byTestId(k, 'journey-next').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SUBMIT_MOBILE', mobile: '+966548986580' }]);
  });

  it('the terms: every clause on the page (no scroll box to hide one), the portal’s sentence is the accept button below them', async () => {
    const k = await inSession();
    await show(k, { step: 'register.terms', accepts: ['ACCEPT_TERMS', 'BACK'], canGoBack: true });
    expect(byTestId(k, 'journey-accept-terms').text()).toBe('أقر بأني اطلعت على شروط الاستخدام وسياسة الخصوصية وأوافق عليها');
    const clauses = k.wrapper.findAll('[data-testid="terms-clause"]');
    expect(clauses).toHaveLength(5);
    expect(clauses.at(-1)?.text()).toContain('أبلغ مركز الدعم');
    // Not a focusable scroll region any more: the text is the page's, the button follows it.
    expect(byTestId(k, 'terms-text').attributes('tabindex')).toBeUndefined();
    expect(byTestId(k, 'terms-accept-bar').find('[data-testid="journey-accept-terms"]').exists()).toBe(true);
  });
});

describe('outcomes', () => {
  it('account created: the masked username and activation offered at once', async () => {
    const k = await inSession();
    await show(k, { step: 'register.registered', accepts: ['ACTIVATE_NOW', 'FINISH'], data: { maskedUsername: 'Ab******9' } });
    expect(byTestId(k, 'masked-username').text()).toBe('Ab******9');
    await byTestId(k, 'journey-activate-now').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'ACTIVATE_NOW' }]);
  });

  it('password updated, in the portal’s words, with the way back to the services', async () => {
    const k = await inSession();
    await show(k, { step: 'recoverPassword.updated.finished', accepts: [], finished: true });
    expect(byTestId(k, 'step-title').text()).toBe('تم تحديث كلمة المرور بنجاح');
    await byTestId(k, 'journey-to-services').trigger('click');
    await settle();
    expect(byTestId(k, 'screen-services').exists()).toBe(true);
  });

  it('a card kept by the slot says so and sends the person to staff', async () => {
    const k = await inSession();
    await show(k, { step: 'activate.activated.returningCard', busy: true, accepts: [], data: { card: 'presented' } });
    expect(byTestId(k, 'take-card').exists()).toBe(true);
    await show(k, { step: 'activate.activated.finished', finished: true, accepts: [], data: { card: 'retained' } });
    expect(byTestId(k, 'card-kept').text()).toContain('أحد الموظفين');
  });

  it('a referral to staff is still said after the session and everything of the person is gone', async () => {
    const k = await inSession();
    await show(k, { step: 'activate.referToStaff.finished', finished: true, accepts: [], data: { firstName: { ar: 'بندر', en: 'Bandar' } } });
    k.core.end('referToStaff');
    await settle();
    expect(byTestId(k, 'screen-attract').exists()).toBe(true);
    expect(byTestId(k, 'staff-referral').exists()).toBe(true);
    expect(JSON.stringify(k.pinia.state.value)).not.toContain('Bandar');
    expect(document.body.innerHTML).not.toContain('بندر');
  });

  it('the referral speaks the language the person was using, though the screen behind is back to Arabic', async () => {
    kiosk = await mountKiosk();
    kiosk.core.availableServices.add('activate');
    await byTestId(kiosk, 'attract-language-en').trigger('click');
    await settle();
    await show(kiosk, { step: 'activate.referToStaff.finished', finished: true, accepts: [], data: {} });
    kiosk.core.end('referToStaff');
    await settle();
    expect(document.documentElement.lang).toBe('ar');
    const referral = byTestId(kiosk, 'staff-referral');
    expect(referral.attributes('lang')).toBe('en');
    expect(referral.attributes('dir')).toBe('ltr');
    expect(referral.text()).toContain('Please see a member of staff');
    expect(referral.text()).not.toContain('الموظفين');
  });
});
