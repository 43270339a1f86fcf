// @vitest-environment happy-dom
import { afterEach, expect, it } from 'vitest';
import type { MaintenanceOfflineRefusal, MaintenanceView } from '../contract';
import type { SpeechEngine, Utterance } from '../speech/speechEngine';
import { settle } from '../../test/mountKiosk';
import { mountOverlay, pinView } from './testing/mountOverlay';
import { technicianSpeech } from './technicianSpeech';

/**
 * Technician card secret (issue 13) on the PIN pad: with central
 * unreachable, the gesture gets "needs the card" (and the other reasons the
 * PIN could not be checked offline), shown and — in speech mode — said in
 * the technician's language; a card entry says the card stays in the slot.
 */

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  technicianSpeech.value = false;
});

const refused = (language: 'ar' | 'en', why: MaintenanceOfflineRefusal, entry: 'card' | 'gesture' = 'gesture'): MaintenanceView => ({
  ...pinView(language, 5),
  entry,
  technicianId: '1001',
  pinError: 'cannotCheck',
  offlineRefusal: why,
});

const expected = {
  en: { needsCard: 'only with your technician card', cardUnreadable: 'could not be read', noVerifier: 'no card for signing in without central', legacyVerifier: 'old, unsafe form' },
  ar: { needsCard: 'إلا ببطاقة الفني', cardUnreadable: 'تعذرت قراءة رمز الأمان', noVerifier: 'لم تُصدر لك بعد بطاقة', legacyVerifier: 'بصيغة قديمة غير آمنة' },
} as const;

it('the service gesture while central is unreachable: needsCard shown and said, in English and in Arabic', async () => {
  for (const language of ['en', 'ar'] as const) {
    const said: Utterance[] = [];
    const engine: SpeechEngine = { speak: (u) => said.push(u), cancel: () => undefined, hasVoiceFor: () => true, onVoicesChanged: () => () => undefined };
    const overlay = mountOverlay({ ...pinView(language, 5), entry: 'gesture', technicianId: null, pinError: null }, { speech: engine });
    cleanup = overlay.unmount;
    technicianSpeech.value = true;
    await settle();
    overlay.show(refused(language, 'needsCard'));
    await settle();
    expect(overlay.wrapper.find('[data-testid="maintenance-pin-error"]').text()).toContain(expected[language].needsCard);
    expect(said.at(-1)).toMatchObject({ text: expect.stringContaining(expected[language].needsCard), lang: expect.stringMatching(new RegExp(`^${language}`)) });
    // The gesture has no card to keep in, and no card was read.
    expect(overlay.wrapper.find('[data-testid="cardsecret-keep-card"]').exists()).toBe(false);
    expect(overlay.wrapper.find('[data-testid="maintenance-pin-prompt"]').text()).toBe(language === 'en' ? 'Technician 1001: enter your PIN.' : 'الفني 1001: أدخل رمزك السري.');
    overlay.unmount();
    cleanup = undefined;
    technicianSpeech.value = false;
  }
});

it('each reason has its own words in both languages; a card entry says the card stays in', async () => {
  for (const language of ['en', 'ar'] as const) {
    for (const why of ['cardUnreadable', 'noVerifier', 'legacyVerifier'] as const) {
      const overlay = mountOverlay(refused(language, why, 'card'));
      await settle();
      expect(overlay.wrapper.find('[data-testid="maintenance-pin-error"]').text(), `${language} ${why}`).toContain(expected[language][why]);
      expect(overlay.wrapper.find('[data-testid="cardsecret-keep-card"]').text()).toContain(language === 'en' ? 'Leave your card in the slot' : 'اترك بطاقتك في الفتحة');
      overlay.unmount();
    }
  }
});

it('no reason (no technician list yet): the existing cannot-check words', async () => {
  const overlay = mountOverlay({ ...refused('en', 'needsCard'), offlineRefusal: null });
  cleanup = overlay.unmount;
  await settle();
  expect(overlay.wrapper.find('[data-testid="maintenance-pin-error"]').text()).toContain('no technician list yet');
});
