import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { defaultSpeechVolume } from '../contract';
import type { AppState, KioskSnapshot, Language, SpeechVolume } from '../contract';
import { useKioskHost } from '../host';
import { useUiStore } from './ui';

const activityReportIntervalMs = 1000;
const starting: AppState = { state: 'starting' };

/** The core's view of the kiosk and of the current person's session. */
export const useSessionStore = defineStore('session', () => {
  const snapshot = shallowRef<KioskSnapshot | null>(null);
  /** Core clock minus ours, so countdowns agree with the core. */
  const clockOffsetMs = ref(0);
  let lastActivityReportAt = Number.NEGATIVE_INFINITY;
  // Kept across session resets: a late snapshot must stay dropped after a wipe.
  let newestRevision = Number.NEGATIVE_INFINITY;

  const session = computed(() => snapshot.value?.session ?? null);
  const hasSession = computed(() => session.value !== null);
  const language = computed<Language>(() => session.value?.language ?? 'ar');
  const highContrast = computed(() => session.value?.highContrast ?? false);
  const largeText = computed(() => session.value?.largeText ?? false);
  const speech = computed(() => session.value?.speech ?? false);
  const volume = computed<SpeechVolume>(() => session.value?.volume ?? defaultSpeechVolume);
  const appState = computed(() => snapshot.value?.appState ?? starting);
  const branding = computed(() => snapshot.value?.branding ?? null);
  const services = computed(() => snapshot.value?.services ?? []);
  const profile = computed(() => snapshot.value?.profile ?? null);
  const isWarning = computed(() => session.value?.phase === 'warning');
  /** When the idle warning ends, on our clock. */
  const warningEndsAt = computed(() => {
    const endsAt = session.value?.phase === 'warning' ? session.value.warningEndsAt : null;
    return endsAt === null || endsAt === undefined ? null : endsAt - clockOffsetMs.value;
  });
  const canExtend = computed(() => (session.value ? session.value.extensionsUsed < session.value.extensionsAllowed : false));

  const isNewer = (next: KioskSnapshot) => next.revision > newestRevision;

  /** Takes a snapshot unless a newer one is already here (they can arrive late). */
  function applySnapshot(next: KioskSnapshot): boolean {
    if (!isNewer(next)) return false;
    newestRevision = next.revision;
    snapshot.value = next;
    clockOffsetMs.value = next.now - Date.now();
    return true;
  }

  /** After a reconnect the core may have restarted and counted its revisions from zero again. */
  function forgetRevision(): void {
    newestRevision = Number.NEGATIVE_INFINITY;
  }

  async function run(action: () => Promise<KioskSnapshot>): Promise<boolean> {
    try {
      applySnapshot(await action());
      return true;
    } catch {
      useUiStore().showNotice('actionFailed');
      return false;
    }
  }

  const api = () => useKioskHost().api;
  const startSession = () => (hasSession.value ? Promise.resolve(true) : run(() => api().startSession({ trigger: 'touch' })));
  const extendSession = () => run(() => api().extendSession({}));
  const endSession = (reason: 'cancel' | 'completed') => run(() => api().endSession({ reason }));
  const setLanguage = (next: Language) => run(() => api().setLanguage({ language: next }));
  const setAccessibility = (change: { highContrast?: boolean; largeText?: boolean; speech?: boolean; volume?: SpeechVolume }) =>
    run(() => api().setAccessibility(change));

  /** A touch anywhere keeps the session alive; at most one report a second. */
  function reportActivity(now = Date.now()): void {
    if (!hasSession.value || now - lastActivityReportAt < activityReportIntervalMs) return;
    lastActivityReportAt = now;
    api()
      .reportActivity({})
      .catch(() => undefined);
  }

  /** Forget the person: keep what the kiosk knows about itself, drop the session. */
  function $reset(): void {
    // The journey's view goes with the session: it may carry the person's name and masked numbers.
    if (snapshot.value) snapshot.value = { ...snapshot.value, session: null, journey: null, ...(snapshot.value.atmJourney ? { atmJourney: null } : {}) };
    lastActivityReportAt = Number.NEGATIVE_INFINITY;
  }

  return {
    snapshot,
    clockOffsetMs,
    session,
    hasSession,
    language,
    highContrast,
    largeText,
    speech,
    volume,
    appState,
    branding,
    services,
    profile,
    isWarning,
    warningEndsAt,
    canExtend,
    isNewer,
    applySnapshot,
    forgetRevision,
    startSession,
    extendSession,
    endSession,
    setLanguage,
    setAccessibility,
    reportActivity,
    $reset,
  };
});
