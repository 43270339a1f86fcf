import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { KioskApi, KioskSnapshot, Language } from '../contract';
import { useKioskHost } from '../host';
import { useSessionStore } from '../stores/session';

const activityReportIntervalMs = 1000;
let lastActivityAt = Number.NEGATIVE_INFINITY;

/**
 * Maintenance as the overlay sees it: the core's view, the technician's own
 * language (never the public's), and calls whose snapshot replaces the one
 * on screen. A refused call leaves its code for the screen to explain.
 */
export function useMaintenance() {
  const session = useSessionStore();
  const { t } = useI18n();
  const view = computed(() => session.snapshot?.maintenance ?? null);
  const language = computed<Language>(() => view.value?.language ?? 'ar');
  const failed = ref<string | null>(null);

  /** The technician's language, whatever the public's is. */
  const mt = (key: string, named: Record<string, unknown> = {}): string => t(`maintSession.${key}`, named, { locale: language.value });

  async function call(run: (api: KioskApi) => Promise<KioskSnapshot>): Promise<boolean> {
    failed.value = null;
    try {
      session.applySnapshot(await run(useKioskHost().api));
      return true;
    } catch (error) {
      failed.value = (error as { code?: string }).code ?? 'internal';
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

  /** Core time now, for countdowns that agree with the core's (and the demo clock's skips). */
  const coreNow = (): number => Date.now() + session.clockOffsetMs;

  return { view, language, failed, mt, call, activity, coreNow };
}
