import { computed, ref, watch } from 'vue';
import type { DiagnosticsReport } from '../../contract';
import { useKioskHost } from '../../host';
import { technicianSpeech } from '../../maintenance/technicianSpeech';
import { useMaintenance } from '../../maintenance/useMaintenance';
import { type AtmMaintenanceStep, atmMaintenanceChoices, atmMaintenanceScreen } from './atmMaintenanceChoices';

/**
 * Maintenance as the ATM app drives it: the screen for the core's phase, its
 * choices, and what each choice asks of the core (cancel, sign out, out of /
 * back in service, the technician's language, the ATM services' diagnostics:
 * each XFS4IoT service's Common.Status and Storage).
 */
export function useAtmMaintenance() {
  const { view, call } = useMaintenance();
  const diagnosticsOpen = ref(false);
  const report = ref<DiagnosticsReport | null>(null);
  const busy = ref(false);
  const failed = ref(false);
  const screen = computed(() => (view.value ? atmMaintenanceScreen(view.value, diagnosticsOpen.value) : null));
  const choices = computed(() => (view.value && screen.value ? atmMaintenanceChoices(view.value, screen.value, busy.value, technicianSpeech.value) : []));

  // Signed out (or never in): the next technician starts at the menu.
  watch(
    () => view.value?.phase === 'on',
    (on) => {
      if (on) return;
      diagnosticsOpen.value = false;
      report.value = null;
    },
  );

  // Maintenance over: the next technician starts with speech off.
  watch(
    () => view.value === null,
    (over) => {
      if (over) technicianSpeech.value = false;
    },
  );

  async function diagnose(): Promise<void> {
    diagnosticsOpen.value = true;
    busy.value = true;
    failed.value = false;
    try {
      report.value = await useKioskHost().api.diagnose({ target: 'atm' });
    } catch {
      failed.value = true;
    } finally {
      busy.value = false;
    }
  }

  async function choose(step: AtmMaintenanceStep): Promise<void> {
    const current = view.value;
    if (!current || busy.value) return;
    switch (step) {
      case 'cancel':
        await call((api) => api.maintenanceCancel({}));
        return;
      case 'leave':
        await call((api) => api.maintenanceLeave({}));
        return;
      case 'language':
        await call((api) => api.maintenanceSetLanguage({ language: current.language === 'ar' ? 'en' : 'ar' }));
        return;
      case 'outOfService':
      case 'inService':
        busy.value = true;
        await call((api) => api.maintenanceAction({ action: step }));
        busy.value = false;
        return;
      case 'diagnostics':
      case 'runDiagnostics':
        await call((api) => api.maintenanceActivity({}));
        return diagnose();
      case 'speechOn':
      case 'speechOff':
        technicianSpeech.value = step === 'speechOn';
        await call((api) => api.maintenanceActivity({}));
        return;
      case 'closeDiagnostics':
        diagnosticsOpen.value = false;
        await call((api) => api.maintenanceActivity({}));
        return;
    }
  }

  return { view, screen, choices, report, busy, failed, choose };
}
