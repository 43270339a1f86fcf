import { z } from 'zod';
import type { Store } from '../store/store';
import { LockoutBook } from './lockout';

const pinEntry = z.object({ at: z.number().int(), detail: z.string() });
const pinDetail = z.object({ technicianId: z.string(), outcome: z.string() }).loose();

/**
 * The lockout counts as the audit log has them: every PIN attempt is an
 * audit entry (`telemetry.maintenance.pin`), so replaying them in order gives
 * the same counts, lockouts and lock ends after a restart (or a power cut)
 * as before it. Nothing else is kept, so the two cannot disagree.
 */
export async function lockoutsFromAudit(store: Store): Promise<LockoutBook> {
  const rows = await store.read((tx) => tx.all(pinEntry, "SELECT at, detail FROM audit_log WHERE action = 'telemetry.maintenance.pin' ORDER BY seq"));
  const book = new LockoutBook();
  for (const row of rows) {
    const detail = pinDetail.safeParse(JSON.parse(row.detail));
    if (!detail.success) continue;
    const { technicianId, outcome } = detail.data;
    if (outcome === 'wrong' || outcome === 'lockedOut') book.fail(technicianId, row.at);
    else if (outcome === 'verified') book.succeed(technicianId);
  }
  return book;
}
