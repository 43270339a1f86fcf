import type { DiagnosticsApi } from '../../../contract';
import { KioskError } from '../../../contract';
import type { DiagnosticsService } from './service';

/**
 * The diagnostics procedures as KioskCore serves them. `current` answers the
 * service only while maintenance is on (a technician signed in); otherwise
 * every call is `not_allowed` and touches nothing. What a technician does is
 * audited in their name (the technician signed in). The test capture's image
 * goes to the screen that asked and nowhere else.
 */
export function diagnosticsProcedures(current: () => { service: DiagnosticsService; technicianId: string } | undefined): DiagnosticsApi {
  const onDuty = (): { service: DiagnosticsService; technicianId: string } => {
    const found = current();
    if (!found) throw new KioskError('not_allowed', 'diagnostics are for a technician in maintenance mode');
    return found;
  };
  const service = (): DiagnosticsService => onDuty().service;
  return {
    diagnose: async ({ target }) => service().diagnose(target),
    diagnosticAction: async ({ action, language }) => {
      const { service, technicianId } = onDuty();
      return service.action(action, { technicianId, ...(language ? { language } : {}) });
    },
    deadLetters: async () => service().deadLetters(),
    deadLetterAction: async ({ txId, action }) => {
      const { service, technicianId } = onDuty();
      const left = await service.deadLetterAction(txId, action, technicianId);
      if (!left) throw new KioskError('invalid_argument', 'no dead letter has that transaction id');
      return left;
    },
    runReadiness: async ({ print, language }) => {
      const { service, technicianId } = onDuty();
      return service.runReadiness({ trigger: 'onDemand', print: print ?? false, technicianId, ...(language ? { language } : {}) });
    },
    lastReadiness: async () => service().lastReadiness(),
  };
}
