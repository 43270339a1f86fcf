import { z } from 'zod';
import type { Tx, TxWork } from './statements';

/** Where a remote command stands on this kiosk. Central redelivers until acknowledged; this table makes that harmless. */
type CommandProgress = { state: 'new' } | { state: 'executed'; outcome: string } | { state: 'acknowledged' };

const commandRow = z.object({ executed_at: z.number().int().nullable(), outcome: z.string().nullable(), acked_at: z.number().int().nullable() });

export function* commandProgress(tx: Tx, id: string): TxWork<CommandProgress> {
  const row = yield* tx.get(commandRow, 'SELECT executed_at, outcome, acked_at FROM remote_commands WHERE id = ?', [id]);
  if (!row) return { state: 'new' };
  if (row.acked_at !== null) return { state: 'acknowledged' };
  if (row.executed_at !== null) return { state: 'executed', outcome: row.outcome ?? 'done' };
  return { state: 'new' };
}

export function* recordExecuted(tx: Tx, command: { id: string; type: string }, outcome: string, now: number): TxWork<void> {
  yield* tx.run(
    `INSERT INTO remote_commands (id, type, received_at, executed_at, outcome) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET executed_at = excluded.executed_at, outcome = excluded.outcome`,
    [command.id, command.type, now, now, outcome],
  );
}

export function* recordAcknowledged(tx: Tx, id: string, now: number): TxWork<void> {
  yield* tx.run('UPDATE remote_commands SET acked_at = ? WHERE id = ?', [now, id]);
}
