import type { DiagnosticsApi } from '../../../contract';
import { KioskError } from '../../../contract';
import type { DiagnosticsService } from './service';

/**
 * The diagnostics procedures as KioskCore serves them. `current` answers the
 * service only while maintenance is on (a technician signed in); otherwise
 * every call is `not_allowed` and touches nothing. The test capture's image
 * goes to the screen that asked and nowhere else.
 */
export function diagnosticsProcedures(current: () => DiagnosticsService | undefined): DiagnosticsApi {
  const service = (): DiagnosticsService => {
    const found = current();
    if (!found) throw new KioskError('not_allowed', 'diagnostics are for a technician in maintenance mode');
    return found;
  };
  return {
    diagnose: async ({ target }) => service().diagnose(target),
    diagnosticAction: async ({ action, language }) => service().action(action, language ? { language } : {}),
    deadLetters: async () => service().deadLetters(),
    deadLetterAction: async ({ txId, action }) => {
      const left = await service().deadLetterAction(txId, action);
      if (!left) throw new KioskError('invalid_argument', 'no dead letter has that transaction id');
      return left;
    },
    runReadiness: async ({ print, language }) => service().runReadiness({ trigger: 'onDemand', print: print ?? false, ...(language ? { language } : {}) }),
    lastReadiness: async () => service().lastReadiness(),
  };
}
