import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { KioskApi, KioskSnapshot, Language } from '../contract';
import { useKioskHost } from '../host';
import { useSessionStore } from '../stores/session';
import { refusalCode, refusalKey } from './refusal';

const activityReportIntervalMs = 1000;
let lastActivityAt = Number.NEGATIVE_INFINITY;
/** The code of the overlay's last refused call (one for every component: the overlay shows it once), cleared by the next call. */
const failed = ref<string | null>(null);

/**
 * Maintenance as the overlay sees it: the core's view, the technician's own
 * language (never the public's), and calls whose snapshot replaces the one
 * on screen. A refused call leaves its code, and `refusal` says it in the
 * technician's language (never the core's raw message).
 */
export function useMaintenance() {
  const session = useSessionStore();
  const { t } = useI18n();
  const view = computed(() => session.snapshot?.maintenance ?? null);
  const language = computed<Language>(() => view.value?.language ?? 'ar');

  /** The technician's language, whatever the public's is. */
  const mt = (key: string, named: Record<string, unknown> = {}): string => t(`maintSession.${key}`, named, { locale: language.value });

  async function call(run: (api: KioskApi) => Promise<KioskSnapshot>): Promise<boolean> {
    failed.value = null;
    try {
      session.applySnapshot(await run(useKioskHost().api));
      return true;
    } catch (error) {
      failed.value = refusalCode(error);
      return false;
    }
  }

  /** A touch in the overlay keeps the technician signed in; at most one report a second. */
  function activity(now = Date.now()): void {
    if (!view.value || now - lastActivityAt < activityReportIntervalMs) return;
    lastActivityAt = now;
    useKioskHost()
      .api.maintenanceActivity({})
      .catch(() => undefined);
  }

  /** A counted string of this branch's (maintenancePolish), in the technician's language with its plural forms (Arabic's six). */
  const mpc = (key: string, count: number): string => t(`maintenancePolish.${key}`, { n: count, count }, { locale: language.value, plural: count });

  const refusal = computed(() => (failed.value === null ? null : t(refusalKey(failed.value), {}, { locale: language.value })));
  const dismissRefusal = (): void => {
    failed.value = null;
  };

  /** Core time now, for countdowns that agree with the core's (and the demo clock's skips). */
  const coreNow = (): number => Date.now() + session.clockOffsetMs;

  return { view, language, failed, refusal, dismissRefusal, mt, mpc, call, activity, coreNow };
}
