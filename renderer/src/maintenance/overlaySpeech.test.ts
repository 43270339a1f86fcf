// @vitest-environment happy-dom
import { afterEach, expect, it } from 'vitest';
import type { MaintenanceView } from '../contract';
import type { SpeechEngine, Utterance } from '../speech/speechEngine';
import { settle } from '../../test/mountKiosk';
import { mountOverlay, pinView } from './testing/mountOverlay';
import { technicianSpeech } from './technicianSpeech';

/** Speech mode in the maintenance overlay: the technician's own switch; then the PIN pad's prompt, a wrong PIN, the lockout and a refusal are said. */

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  technicianSpeech.value = false;
});

function recorder() {
  const said: Utterance[] = [];
  const engine: SpeechEngine = { speak: (u) => said.push(u), cancel: () => undefined, hasVoiceFor: () => true, onVoicesChanged: () => () => undefined };
  return { engine, said };
}

const fresh = (language: 'ar' | 'en'): MaintenanceView => ({ ...pinView(language, 5), pinError: null, attemptsLeft: null });

it('silent until the technician turns speech on; then the PIN pad’s prompt, a wrong PIN and the lockout are said in their language', async () => {
  const { engine, said } = recorder();
  const overlay = mountOverlay(fresh('en'), { speech: engine });
  cleanup = overlay.unmount;
  await settle();
  expect(said).toEqual([]);
  const toggle = overlay.wrapper.find('[data-testid="maintenance-speech"]');
  expect(toggle.attributes('aria-pressed')).toBe('false');
  await toggle.trigger('click');
  await settle();
  expect(overlay.wrapper.find('[data-testid="maintenance-speech"]').attributes('aria-pressed')).toBe('true');
  expect(said.map((u) => u.text)).toContain('Technician sign-in. Technician card 1001 read. Enter your PIN. Leave your card in the slot: it comes back when you have signed in, or when you leave.');
  expect(said.every((u) => u.lang.startsWith('en'))).toBe(true);

  overlay.show(pinView('en', 2));
  await settle();
  expect(said.at(-1)?.text).toContain('Wrong PIN. 2 tries left');

  overlay.show({ ...fresh('en'), phase: 'locked', lockedUntil: Date.now() + 15 * 60_000 });
  await settle();
  expect(said.at(-1)?.text).toMatch(/Maintenance entry locked.*Too many wrong PINs/);
});

it('central’s "too many checks, try again in N" is shown with its countdown and said, in English and in Arabic', async () => {
  for (const language of ['en', 'ar'] as const) {
    const { engine, said } = recorder();
    const overlay = mountOverlay(fresh(language), { speech: engine });
    cleanup = overlay.unmount;
    technicianSpeech.value = true;
    await settle();
    overlay.show({ ...fresh(language), pinError: 'tooManyAttempts', attemptsLeft: 5, retryAt: Date.now() + 90_000 });
    await settle();
    const shown = overlay.wrapper.find('[data-testid="maintenance-pin-error"]');
    expect(shown.text()).toContain(language === 'en' ? 'Try again in' : 'حاول مرة أخرى بعد');
    expect(overlay.wrapper.find('[data-testid="maintenance-pin-retry"]').text()).toMatch(/^1:[23]\d$/);
    expect(said.at(-1)).toMatchObject({ text: expect.stringContaining(language === 'en' ? 'too many PIN checks' : 'محاولات كثيرة'), lang: expect.stringMatching(new RegExp(`^${language}`)) });
    overlay.unmount();
    cleanup = undefined;
    technicianSpeech.value = false;
  }
});

it('in Arabic, a wrong PIN is said with its plural form', async () => {
  const { engine, said } = recorder();
  const overlay = mountOverlay(fresh('ar'), { speech: engine });
  cleanup = overlay.unmount;
  technicianSpeech.value = true;
  await settle();
  overlay.show(pinView('ar', 2));
  await settle();
  expect(said.at(-1)).toMatchObject({ text: expect.stringContaining('تبقّت محاولتان'), lang: expect.stringMatching(/^ar/) });
});

it('signed in: each section’s heading is said, and a refused action is said', async () => {
  const { engine, said } = recorder();
  const now = Date.now();
  const on: MaintenanceView = { ...fresh('en'), phase: 'on', signedIn: { technicianId: '1001', name: 'Technician One', checkedBy: 'central', since: now, idleEndsAt: now + 15 * 60_000, capEndsAt: now + 8 * 3_600_000 } };
  const overlay = mountOverlay(on, { speech: engine });
  cleanup = overlay.unmount;
  technicianSpeech.value = true;
  await settle();
  await overlay.wrapper.find('[data-testid="maintenance-nav-actions"]').trigger('click');
  await settle();
  expect(said.at(-1)?.text).toMatch(/^Actions\. Each action is recorded in the kiosk's audit log and sent to central\./);
  await overlay.wrapper.find('[data-testid="maintenance-action-reloadUi"]').trigger('click');
  await settle();
  expect(said.at(-1)?.text).toContain('The kiosk did not allow this now');
});

it('leaving maintenance turns the technician’s speech off for the next one', async () => {
  const { engine } = recorder();
  const overlay = mountOverlay(fresh('en'), { speech: engine });
  cleanup = overlay.unmount;
  technicianSpeech.value = true;
  await settle();
  overlay.show(null as unknown as MaintenanceView);
  await settle();
  expect(technicianSpeech.value).toBe(false);
});
