// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountAtm, settle } from './testing/mountAtm';

/**
 * The ATM app against a fake core in ATM mode: what each step draws, the
 * keys beside the screen (as the core reports them) making the choice drawn
 * beside them — mirrored in Arabic — and touch doing the same.
 */

type Atm = Awaited<ReturnType<typeof mountAtm>>;
let atm: Atm | null = null;
afterEach(() => {
  atm?.unmount();
  atm = null;
});

async function started(): Promise<Atm> {
  atm = await mountAtm();
  return atm;
}

describe('the ATM app', () => {
  it('is what an ATM-mode kiosk shows: no touch kiosk chrome, "insert your card", the language at the key beside it', async () => {
    const a = await started();
    expect(a.find('screen-atm').attributes('data-place')).toBe('idle');
    expect(a.find('screen-attract').exists()).toBe(false);
    expect(a.find('atm-title').text()).toBe('أدخل بطاقتك المصرفية');
    expect(a.choiceAt('fdk05').attributes('data-testid')).toBe('atm-choice-language');
    expect(a.choiceAt('fdk05').attributes('lang')).toBe('en');
    a.core.press('fdk05');
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(a.find('atm-title').text()).toBe('Insert your bank card');
    // In English the language is at the top of the left edge, high contrast and large text below it.
    expect(a.choiceAt('fdk01').attributes('data-testid')).toBe('atm-choice-language');
    a.core.press('fdk02');
    await settle();
    expect(a.core.calls.find((c) => c.procedure === 'setAccessibility')?.input).toEqual({ highContrast: true, largeText: true });
    expect(document.documentElement.classList.contains('text-large')).toBe(true);
    expect(a.choiceAt('fdk02').attributes('data-testid')).toBe('atm-choice-displayStandard');
  });

  it('the PIN: one dot per key press the core counts, a wrong PIN says the tries left; no digit anywhere', async () => {
    const a = await started();
    a.core.showAtm({ step: 'atm.pin.entry', accepts: ['CANCEL'], data: { pinDigits: 0, cardLast4: '1234', card: 'inSlot' } });
    await settle();
    expect(a.find('screen-atm').attributes('data-screen')).toBe('pin');
    expect(a.find('atm-pin-dots').findAll('.atm-pin__dot')).toHaveLength(0);
    a.core.showAtm({ step: 'atm.pin.entry', accepts: ['CANCEL'], data: { pinDigits: 3, cardLast4: '1234', card: 'inSlot' } });
    await settle();
    expect(a.find('atm-pin-dots').findAll('.atm-pin__dot')).toHaveLength(3);
    expect(a.find('atm-pin-dots').text()).toBe('');
    a.core.showAtm({ step: 'atm.pin.wrong', accepts: ['CANCEL'], error: { code: 'pin_wrong', retryable: true }, data: { pinDigits: 0, attemptsRemaining: 2, cardLast4: '1234' } });
    await settle();
    expect(a.find('atm-pin-wrong').text()).toContain('تبقّت لك محاولتان');
    // No FDK choices while the EPP takes the PIN; Cancel is drawn in the screen to touch.
    expect(a.wrapper.findAll('[data-fdk]')).toHaveLength(0);
    await a.find('atm-pin-cancel').trigger('click');
    await settle();
    expect(a.journeyEvents()).toEqual([{ type: 'CANCEL' }]);
  });

  it('the menu by keys alone: the FDK beside "Activate my account" chooses it — fdk01 in Arabic, fdk05 in English', async () => {
    const a = await started();
    a.core.showAtm({ step: 'atm.menu', accepts: ['CHOOSE_SERVICE', 'CANCEL'], data: { cardLast4: '1234', card: 'inSlot' } });
    await settle();
    expect(a.choiceAt('fdk01').text()).toBe('تفعيل حسابي');
    expect(a.find('atm-card-last4').text()).toContain('1234');
    a.core.press('fdk01');
    await settle();
    expect(a.journeyEvents()).toEqual([{ type: 'CHOOSE_SERVICE', service: 'atmActivate' }]);
    a.core.press('fdk05');
    await settle();
    expect(document.documentElement.dir).toBe('ltr');
    expect(a.choiceAt('fdk05').text()).toBe('Activate my account');
    a.core.press('fdk06');
    await settle();
    expect(a.journeyEvents().at(-1)).toEqual({ type: 'CHOOSE_SERVICE', service: 'atmStatus' });
    // The EPP's Cancel: the card back.
    a.core.press('cancel');
    await settle();
    expect(a.journeyEvents().at(-1)).toEqual({ type: 'CANCEL' });
  });

  it('confirm: the masked ID and mobile central showed; Enter confirms, Clear goes back, and a touch does the same', async () => {
    const a = await started();
    a.core.showAtm({
      step: 'atm.activate.confirm',
      accepts: ['CONFIRM_ACTIVATION', 'BACK', 'CANCEL'],
      data: { idNumberMasked: '******4989', maskedMobile: '05X XXX X829', accountState: 'registered' },
    });
    await settle();
    expect(a.find('atm-id-masked').text()).toBe('******4989');
    expect(a.find('atm-mobile-masked').text()).toBe('05X XXX X829');
    expect(a.find('atm-choice-confirm').attributes('data-fdk')).toBe('fdk04');
    expect(a.find('atm-choice-confirm').text()).toContain('إدخال');
    a.core.press('clear');
    await settle();
    a.core.press('enter');
    await settle();
    await a.find('atm-choice-confirm').trigger('click');
    await settle();
    expect(a.journeyEvents()).toEqual([{ type: 'BACK' }, { type: 'CONFIRM_ACTIVATION' }, { type: 'CONFIRM_ACTIVATION' }]);
  });

  it('each press is acted on once, and presses from before the screen was drawn are not', async () => {
    const a = await started();
    a.core.showAtm({ step: 'atm.menu', accepts: ['CHOOSE_SERVICE', 'CANCEL'] });
    await settle();
    a.core.press('fdk02');
    await settle();
    a.core.push();
    await settle();
    expect(a.journeyEvents()).toEqual([{ type: 'CHOOSE_SERVICE', service: 'atmStatus' }]);
  });

  it('the end: the outcome, where the card is, and Finish ends the session; the wipe takes the journey with it', async () => {
    const a = await started();
    a.core.showAtm({ step: 'atm.retained.finished', finished: true, error: { code: 'pin_tries_exhausted', retryable: false }, data: { card: 'retained', idNumberMasked: '******4989' } });
    await settle();
    expect(a.find('atm-outcome').attributes('data-outcome')).toBe('retained');
    expect(a.find('atm-outcome').text()).toContain('ثلاث مرات');
    expect(a.find('atm-card-fate').exists(), 'the outcome is about the card: no second line').toBe(false);
    a.core.press('enter');
    await settle();
    expect(a.core.calls.find((c) => c.procedure === 'endSession')?.input).toEqual({ reason: 'completed' });
    expect(a.find('screen-atm').attributes('data-place')).toBe('idle');
    expect(JSON.stringify(a.pinia.state.value)).not.toContain('******4989');
  });

  it('the idle warning is an ATM screen: Enter gives more time, by the key beside "More time"', async () => {
    const a = await started();
    a.core.showAtm({ step: 'atm.menu', accepts: ['CHOOSE_SERVICE', 'CANCEL'] });
    await settle();
    a.core.warn(20_000);
    await settle();
    expect(a.find('screen-atm').attributes('data-place')).toBe('warning');
    a.core.press('enter');
    await settle();
    expect(a.core.calls.some((c) => c.procedure === 'extendSession')).toBe(true);
    expect(a.find('screen-atm').attributes('data-place')).toBe('journey');
  });
});
