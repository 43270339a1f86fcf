// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { JourneyView } from '../../contract';
import { mountKiosk, settle } from '../../../test/mountKiosk';

/**
 * Issue 11 item 6: after activation the username shows only masked, so the
 * outcome offers the ways on (sign in now; the username by SMS). The screen
 * only asks: it never names the account, the core decides which it is.
 */

type Kiosk = Awaited<ReturnType<typeof mountKiosk>>;
let kiosk: Kiosk | null = null;
afterEach(() => {
  kiosk?.unmount();
  kiosk = null;
});

const byTestId = (k: Kiosk, id: string) => k.wrapper.find(`[data-testid="${id}"]`);
const journeyEvents = (k: Kiosk) => k.core.calls.filter((c) => c.procedure === 'journeyEvent').map((c) => c.input);

async function inSession(): Promise<Kiosk> {
  kiosk = await mountKiosk();
  await byTestId(kiosk, 'attract-start').trigger('click');
  await settle();
  return kiosk;
}

async function show(k: Kiosk, view: Partial<JourneyView> & Pick<JourneyView, 'step'>): Promise<void> {
  k.core.showJourney(view);
  await settle();
}

const activated = { step: 'activate.activated.finished', finished: true, data: { accountState: 'active' as const, maskedUsername: 'Ab*******9' } };

describe('activated: the ways on', () => {
  it('offers "sign in now" and "send my username by SMS"; each sends only its own word', async () => {
    const k = await inSession();
    await show(k, { ...activated, accepts: ['SIGN_IN_NOW', 'SEND_USERNAME'] });
    expect(byTestId(k, 'masked-username').text()).toBe('Ab*******9');
    expect(byTestId(k, 'journey-result').text()).toContain('رقم الهوية');
    expect(byTestId(k, 'journey-sign-in-now').text()).toBe('تسجيل الدخول الآن');
    expect(byTestId(k, 'journey-send-username').text()).toBe('أرسل اسم المستخدم برسالة نصية');
    // The way back and the end of the session are still there.
    expect(byTestId(k, 'journey-to-services').exists()).toBe(true);
    await byTestId(k, 'journey-send-username').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SEND_USERNAME' }]);
    await byTestId(k, 'journey-sign-in-now').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SEND_USERNAME' }, { type: 'SIGN_IN_NOW' }]);
  });

  it('once sent: says where it went (masked) and offers it no more', async () => {
    const k = await inSession();
    await show(k, { ...activated, accepts: ['SIGN_IN_NOW'], data: { ...activated.data, usernameSentTo: '05X XXX X829' } });
    expect(byTestId(k, 'username-sent').attributes('role')).toBe('status');
    expect(byTestId(k, 'username-sent-to').text()).toBe('05X XXX X829');
    expect(byTestId(k, 'journey-send-username').exists()).toBe(false);
    expect(byTestId(k, 'journey-sign-in-now').exists()).toBe(true);
  });

  it('on its way: the buttons wait; a lost answer says try again, a refusal says where else to go', async () => {
    const k = await inSession();
    await show(k, { ...activated, step: 'activate.activated.sendingUsername', finished: false, busy: true, accepts: [] });
    expect(byTestId(k, 'journey-result').attributes('data-outcome')).toBe('activate.activated');
    expect(byTestId(k, 'journey-send-username').attributes('disabled')).toBeDefined();
    await show(k, { ...activated, accepts: ['SIGN_IN_NOW', 'SEND_USERNAME'], error: { code: 'central_unavailable', retryable: true } });
    expect(byTestId(k, 'username-send-failed').text()).toContain('المحاولة مرة أخرى');
    await show(k, { ...activated, accepts: ['SIGN_IN_NOW', 'SEND_USERNAME'], error: { code: 'challenge_not_found', retryable: false } });
    expect(byTestId(k, 'username-send-failed').text()).toContain('استعادة اسم المستخدم');
  });

  it('another outcome offers none of it', async () => {
    const k = await inSession();
    await show(k, { step: 'activate.alreadyActive.finished', finished: true, accepts: [], data: { maskedUsername: 'Ab*******9' } });
    expect(byTestId(k, 'activation-way-on').exists()).toBe(false);
  });
});

describe('sign in now: the ID handed over', () => {
  it('shows the ID masked instead of the login field; only the password is typed and sent', async () => {
    const k = await inSession();
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'], data: { idNumberMasked: '******4989', idSource: 'typed' } });
    expect(byTestId(k, 'login').exists()).toBe(false);
    expect(byTestId(k, 'login-handed-id').text()).toContain('******4989');
    await byTestId(k, 'password').setValue('Kiosk2030demo');
    await settle();
    await byTestId(k, 'journey-next').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SUBMIT_CREDENTIALS', password: 'Kiosk2030demo' }]);
  });

  it('"type a username instead" brings the login field back, and what is typed is sent', async () => {
    const k = await inSession();
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'], data: { idNumberMasked: '******4989', idSource: 'typed' } });
    await byTestId(k, 'login-type-own').trigger('click');
    await settle();
    expect(byTestId(k, 'login-handed-id').exists()).toBe(false);
    await byTestId(k, 'login').setValue('Abeer1539');
    await byTestId(k, 'password').setValue('Kiosk2030demo');
    await settle();
    await byTestId(k, 'journey-next').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SUBMIT_CREDENTIALS', login: 'Abeer1539', password: 'Kiosk2030demo' }]);
  });
});
