// @vitest-environment happy-dom
import { afterEach, expect, it } from 'vitest';
import type { MaintenanceCardBack, MaintenanceView } from '../contract';
import type { SpeechEngine, Utterance } from '../speech/speechEngine';
import { useSessionStore } from '../stores/session';
import { settle } from '../../test/mountKiosk';
import { mountOverlay, pinView } from './testing/mountOverlay';
import { technicianSpeech } from './technicianSpeech';

/**
 * "Take your card" (issue 13): the technician's card handed back after
 * sign-in is announced in the overlay, and after the visit has ended the
 * overlay shows that alone, until the core says the card is gone; in the
 * technician's language (Arabic right to left), with what happens if it is
 * not taken, and said in speech mode.
 */

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

const signedIn = (language: 'ar' | 'en'): MaintenanceView => {
  const now = Date.now();
  return { ...pinView(language, 5), phase: 'on', pinError: null, attemptsLeft: null, signedIn: { technicianId: '1001', name: 'Technician One', checkedBy: 'central', since: now, idleEndsAt: now + 15 * 60_000, capEndsAt: now + 8 * 3_600_000 } };
};

/** The core's next snapshot: maintenance (or none) and the card at the slot (or none). */
function coreSays(maintenance: MaintenanceView | null, maintenanceCard: MaintenanceCardBack | null): void {
  const session = useSessionStore();
  const current = session.snapshot!;
  const next = { ...current, revision: current.revision + 1, maintenanceCard };
  if (maintenance) next.maintenance = maintenance;
  else delete next.maintenance;
  session.applySnapshot(next);
}

const card = (language: 'ar' | 'en'): MaintenanceCardBack => ({ language, retainAfterMs: 30_000, since: Date.now() });

it('signed in (English): "Take your card" over the technician’s screen, what happens if it is not taken, said; gone once taken', async () => {
  const { engine, said } = recorder();
  const overlay = mountOverlay(signedIn('en'), { speech: engine });
  cleanup = overlay.unmount;
  technicianSpeech.value = true;
  await settle();
  expect(overlay.wrapper.find('[data-testid="maintenance-take-card"]').exists()).toBe(false);
  coreSays(signedIn('en'), card('en'));
  await settle();
  const prompt = overlay.wrapper.find('[data-testid="maintenance-take-card"]');
  expect(prompt.attributes('role')).toBe('alert');
  expect(prompt.find('[data-testid="maintenance-take-card-title"]').text()).toBe('Take your card');
  expect(prompt.find('[data-testid="maintenance-take-card-retain"]').text()).toBe('If it is not taken within 30 seconds, the kiosk keeps it, as it does any card left at the slot.');
  // The technician's screen stays under it.
  expect(overlay.wrapper.find('[data-testid="maintenance-nav-diagnostics"]').exists()).toBe(true);
  expect(said.map((u) => u.text).join(' ')).toContain('Take your card');
  expect(said.at(-1)?.lang).toMatch(/^en/);
  coreSays(signedIn('en'), null);
  await settle();
  expect(overlay.wrapper.find('[data-testid="maintenance-take-card"]').exists()).toBe(false);
});

it('after leaving (Arabic): the prompt alone along the bottom, right to left, said in Arabic; the technician’s speech off once the card is gone', async () => {
  const { engine, said } = recorder();
  const overlay = mountOverlay({ ...pinView('ar', 5), pinError: null, attemptsLeft: null }, { speech: engine });
  cleanup = overlay.unmount;
  technicianSpeech.value = true;
  await settle();
  coreSays(null, card('ar'));
  await settle();
  expect(overlay.wrapper.find('[data-testid="maintenance-overlay"]').exists()).toBe(false);
  const alone = overlay.wrapper.find('[data-testid="maintenance-card-overlay"]');
  expect(alone.exists()).toBe(true);
  expect(alone.attributes('dir')).toBe('rtl');
  expect(alone.attributes('lang')).toBe('ar');
  expect(alone.find('[data-testid="maintenance-take-card-title"]').text()).toBe('خذ بطاقتك');
  expect(alone.find('[data-testid="maintenance-take-card-retain"]').text()).toBe('إن لم تأخذها خلال 30 ثانية يحتفظ بها الجهاز كما يفعل بأي بطاقة تُترك في الفتحة.');
  expect(technicianSpeech.value, 'speech stays on for the card').toBe(true);
  expect(said.some((u) => u.text.includes('خذ بطاقتك') && u.lang.startsWith('ar'))).toBe(true);
  coreSays(null, null);
  await settle();
  expect(overlay.wrapper.find('[data-testid="maintenance-card-overlay"]').exists()).toBe(false);
  expect(technicianSpeech.value).toBe(false);
});

it('the Arabic plural forms of the take time', async () => {
  const overlay = mountOverlay(signedIn('ar'));
  cleanup = overlay.unmount;
  await settle();
  for (const [ms, words] of [
    [2_000, 'خلال ثانيتين'],
    [5_000, 'خلال 5 ثوانٍ'],
    [60_000, 'خلال 60 ثانية'],
  ] as const) {
    coreSays(signedIn('ar'), { language: 'ar', retainAfterMs: ms, since: Date.now() });
    await settle();
    expect(overlay.wrapper.find('[data-testid="maintenance-take-card-retain"]').text()).toContain(words);
  }
});
