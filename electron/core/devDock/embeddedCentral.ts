import { z } from 'zod';
import type { RunningCentral } from '../../../central/server';
import type { DevDockPendingActivation } from '../../contract/devDockAtm';
import type { DevDockCentral } from './ports';

/**
 * The embedded reference central as the dock sees it: its SMS outbox, its
 * fault switch and its pending bank activations, called in process (the same
 * functions its /dev routes use), never over HTTP.
 */

const pendingRowSchema = z.object({
  id_number: z.string(),
  bank_requested_at: z.number().nullable(),
  bank_ref: z.string().nullable(),
});

/** Central's pending_bank accounts, oldest request first: when each asked and when the periodic run will activate it. */
async function pendingBankActivations(central: Pick<RunningCentral, 'context'>): Promise<DevDockPendingActivation[]> {
  const { db, options } = central.context;
  const rows = await db.all("SELECT id_number, bank_requested_at, bank_ref FROM accounts WHERE state = 'pending_bank' ORDER BY bank_requested_at IS NULL, bank_requested_at, id_number");
  return rows.map((row) => {
    const pending = pendingRowSchema.parse(row);
    const requestedAt = pending.bank_requested_at;
    // bank_ref is `<bankCode>:<attestation id>` (`<bankCode>:seeded` for the demo's seeded ones).
    const bankCode = pending.bank_ref?.split(':')[0] ?? null;
    return {
      idNumber: pending.id_number,
      bankCode: bankCode === '' ? null : bankCode,
      requestedAt: requestedAt === null ? null : new Date(requestedAt).toISOString(),
      dueAt: requestedAt === null ? null : new Date(requestedAt + options.bankActivationDelayMs).toISOString(),
    };
  });
}

export function dockCentralOf(central: Pick<RunningCentral, 'context' | 'setFault' | 'recentSms' | 'completeBankActivations'>): DevDockCentral {
  return {
    recentSms: (limit) => central.recentSms(limit),
    setFault: (setting) => central.setFault(setting),
    fault: () => central.context.faults.current(),
    pendingBankActivations: () => pendingBankActivations(central),
    runBankActivations: () => central.completeBankActivations(),
  };
}
