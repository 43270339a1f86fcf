import { z } from 'zod';
import type { DeadLetterView } from '../../../contract';
import type { Tx, TxWork } from '../../store/statements';

const row = z.object({ tx_id: z.string(), kind: z.string(), code: z.string(), detail: z.string().nullable(), attempts: z.number().int(), created_at: z.number().int(), failed_at: z.number().int() });

/** Oldest refusal first; kind, error and attempts only (the sealed payload stays where it is). */
export function* listDeadLetters(tx: Tx, limit = 50): TxWork<DeadLetterView[]> {
  const rows = yield* tx.all(row, 'SELECT tx_id, kind, code, detail, attempts, created_at, failed_at FROM dead_letter ORDER BY failed_at, tx_id LIMIT ?', [limit]);
  return rows.map((r) => ({ txId: r.tx_id, kind: r.kind, code: r.code, detail: r.detail, attempts: r.attempts, createdAt: r.created_at, failedAt: r.failed_at }));
}

/**
 * Retry: the event goes back into the outbox as it was (same txId, so
 * central applies it at most once; still sealed), due now. Discard: it goes.
 * Either way in the caller's transaction, beside its audit entry. Answers
 * what was moved, or null when no such dead letter exists.
 */
export function* settleDeadLetter(tx: Tx, txId: string, action: 'retry' | 'discard', now: number): TxWork<{ kind: string; code: string } | null> {
  const found = yield* tx.get(z.object({ kind: z.string(), code: z.string() }), 'SELECT kind, code FROM dead_letter WHERE tx_id = ?', [txId]);
  if (!found) return null;
  if (action === 'retry') {
    yield* tx.run(
      `INSERT INTO outbox (tx_id, kind, payload, size, attempts, next_attempt_at, created_at, last_error)
       SELECT tx_id, kind, payload, length(payload), 0, ?, created_at, 'retried by a technician' FROM dead_letter WHERE tx_id = ?`,
      [now, txId],
    );
  }
  yield* tx.run('DELETE FROM dead_letter WHERE tx_id = ?', [txId]);
  return found;
}
