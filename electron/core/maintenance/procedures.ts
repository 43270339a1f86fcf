import { KioskError } from '../../contract';
import type { KioskApi, KioskSnapshot, MaintenanceProcedureInputs } from '../../contract';
import type { MaintenanceDesk } from './desk';

type MaintenanceApi = Pick<KioskApi, keyof MaintenanceProcedureInputs>;

/**
 * The renderer's maintenance procedures, each answered with the snapshot.
 * Without a desk (an ATM, where the PIN pad is the EPP's, or no store) they
 * answer `unavailable`.
 */
export function maintenanceProcedures(desk: () => MaintenanceDesk | undefined, snapshot: () => KioskSnapshot): MaintenanceApi {
  const use = (): MaintenanceDesk => {
    const found = desk();
    if (!found) throw new KioskError('unavailable', 'maintenance mode is not available on this kiosk');
    return found;
  };
  return {
    maintenanceGesture: async () => {
      use().requestEntry('gesture', null);
      return snapshot();
    },
    maintenanceSubmitPin: async ({ pin, technicianId }) => {
      await use().submitPin(pin, technicianId);
      return snapshot();
    },
    maintenanceCancel: async () => {
      use().cancel();
      return snapshot();
    },
    maintenanceActivity: async () => {
      use().activity();
      return snapshot();
    },
    maintenanceSetLanguage: async ({ language }) => {
      use().setLanguage(language);
      return snapshot();
    },
    maintenanceAction: async ({ action }) => {
      await use().act(action);
      return snapshot();
    },
    maintenanceLeave: async () => {
      await use().leave('left');
      return snapshot();
    },
  };
}
