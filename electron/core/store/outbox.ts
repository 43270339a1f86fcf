import { z } from 'zod';
import type { DeadLetterView } from '../../contract/diagnostics';
import { canonicalJson } from './canonicalJson';
import type { Json } from './canonicalJson';
import { open, seal } from './payloadCipher';
import type { Tx, TxWork } from './statements';
import type { Store } from './store';
import { Turns, defaultTurnBudget } from './turnBudget';
import type { TurnBudget } from './turnBudget';

/** Something that may reach central late: an audit event, telemetry, a technician action, a receipt record. */
export interface OutboxEvent {
  kind: string;
  /** An object, as central's contract wants; sealed at rest, so it may carry PII. */
  payload: { [key: string]: Json };
  /** Defaults to a new transaction id; pass one to tie the event to an online call's key. */
  txId?: string;
}

export interface PendingEvent {
  txId: string;
  kind: string;
  payload: { [key: string]: Json };
  attempts: number;
  createdAt: number;
  /** Bytes this event adds to a request body (near enough to keep a batch under its limit). */
  wireBytes: number;
}

export type EventOutcome =
  | { txId: string; status: 'accepted' | 'duplicate' }
  | { txId: string; status: 'rejected'; code: string; detail?: string | undefined }
  | { txId: string; status: 'retry'; error: string; nextAttemptAt: number };

export interface OutboxStats {
  pending: number;
  deadLetters: number;
  oldestCreatedAt: number | null;
  nextAttemptAt: number | null;
}


interface OutboxOptions {
  newTxId: () => string;
  now: () => number;
  /** One event's payload may not exceed this (a programmer error: central refuses > 16 KiB as payload_too_large). */
  maxPayloadBytes?: number;
  /** How long opening a batch may hold the event loop before it yields (defaultTurnBudget). */
  turns?: TurnBudget;
}

const dueRow = z.object({
  tx_id: z.string(),
  kind: z.string(),
  payload: z.instanceof(Buffer),
  size: z.number().int(),
  attempts: z.number().int(),
  created_at: z.number().int(),
});

const countRow = z.object({ n: z.number().int(), oldest: z.number().int().nullable(), next: z.number().int().nullable() });

const deadLetterRow = z.object({
  tx_id: z.string(),
  kind: z.string(),
  code: z.string(),
  detail: z.string().nullable(),
  attempts: z.number().int(),
  created_at: z.number().int(),
  failed_at: z.number().int(),
});

/** JSON envelope per event in a batch body: `{"txId":"…","kind":"…","occurredAt":"<24-char ISO>","payload":…},` is 73 bytes; rounded up. */
const envelopeBytes = 96;

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/**
 * The outbox table, with payloads sealed under the kiosk's data key and the
 * txId as associated data. Rows leave only by acknowledgement (deleted: the PII
 * is purged) or permanent rejection (moved to dead_letter, still sealed).
 */
export class Outbox {
  private readonly maxPayloadBytes: number;

  constructor(
    private readonly store: Store,
    private readonly dataKey: Buffer,
    private readonly options: OutboxOptions,
  ) {
    this.maxPayloadBytes = options.maxPayloadBytes ?? 16 * 1024;
  }

  /**
   * Records an event inside the caller's transaction, so it commits (or rolls
   * back) with the state change it describes:
   *
   *     await store.write(function* (tx) { yield* tx.run(…); yield* outbox.enqueue(tx, event); });
   */
  *enqueue(tx: Tx, event: OutboxEvent): TxWork<string> {
    const txId = event.txId ?? this.options.newTxId();
    const plaintext = Buffer.from(canonicalJson(event.payload), 'utf8');
    if (plaintext.length > this.maxPayloadBytes) {
      throw new RangeError(`outbox payload of ${plaintext.length} bytes exceeds ${this.maxPayloadBytes}`);
    }
    const now = this.options.now();
    yield* tx.run('INSERT INTO outbox (tx_id, kind, payload, size, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)', [
      txId,
      event.kind,
      seal(this.dataKey, txId, plaintext),
      plaintext.length,
      now,
      now,
    ]);
    return txId;
  }

  /** An event with no other state change to ride along with. */
  add(event: OutboxEvent): Promise<string> {
    return this.store.write((tx) => this.enqueue(tx, event));
  }

  /**
   * The oldest due events that fit one request, decrypted. `exclude` holds ids
   * already in flight, so the same txId is never sent twice at once. A row that
   * no longer decrypts was altered on disk: it goes to dead_letter, not to central.
   * Opening (AES-GCM, then JSON) is most of a drain's own CPU: it runs in turns
   * of at most the turn budget, the loop handed back between them, so a
   * renderer's call waits behind one slice of a batch, not all of it.
   */
  async due(limits: { maxEvents: number; maxBytes: number; exclude?: ReadonlySet<string> }): Promise<PendingEvent[]> {
    const now = this.options.now();
    const exclude = [...(limits.exclude ?? [])];
    const rows = await this.store.read((tx) =>
      tx.all(
        dueRow,
        `SELECT tx_id, kind, payload, size, attempts, created_at FROM outbox
         WHERE next_attempt_at <= ? ${exclude.length ? `AND tx_id NOT IN (${placeholders(exclude.length)})` : ''}
         ORDER BY seq LIMIT ?`,
        [now, ...exclude, limits.maxEvents],
      ),
    );
    const batch: PendingEvent[] = [];
    const tampered: string[] = [];
    let bytes = 0;
    const turns = new Turns(this.options.turns ?? defaultTurnBudget);
    for (const row of rows) {
      const wireBytes = row.size + row.tx_id.length + row.kind.length + envelopeBytes;
      if (batch.length > 0 && bytes + wireBytes > limits.maxBytes) break;
      // A yield here is like the wait for the read itself: the rows are a snapshot, and a row's sealed payload never changes.
      if (turns.spent()) await turns.next();
      const opened = open(this.dataKey, row.tx_id, row.payload);
      if (!opened.ok) {
        tampered.push(row.tx_id);
        continue;
      }
      bytes += wireBytes;
      batch.push({
        txId: row.tx_id,
        kind: row.kind,
        payload: JSON.parse(opened.value.toString('utf8')) as { [key: string]: Json },
        attempts: row.attempts,
        createdAt: row.created_at,
        wireBytes,
      });
    }
    if (tampered.length) {
      await this.settle(tampered.map((txId) => ({ txId, status: 'rejected', code: 'local.payloadTampered', detail: 'the sealed payload failed authentication' })));
    }
    return batch;
  }

  /** Applies central's verdicts (and the sender's retry decisions) in one transaction. */
  settle(outcomes: readonly EventOutcome[]): Promise<void> {
    const now = this.options.now();
    return this.store.write(function* (tx) {
      const done = outcomes.filter((o) => o.status === 'accepted' || o.status === 'duplicate').map((o) => o.txId);
      if (done.length) yield* tx.run(`DELETE FROM outbox WHERE tx_id IN (${placeholders(done.length)})`, done);
      for (const o of outcomes) {
        if (o.status === 'rejected') {
          yield* tx.run(
            `INSERT OR REPLACE INTO dead_letter (tx_id, kind, payload, code, detail, attempts, created_at, failed_at)
             SELECT tx_id, kind, payload, ?, ?, attempts + 1, created_at, ? FROM outbox WHERE tx_id = ?`,
            [o.code, o.detail ?? null, now, o.txId],
          );
          yield* tx.run('DELETE FROM outbox WHERE tx_id = ?', [o.txId]);
        } else if (o.status === 'retry') {
          yield* tx.run('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE tx_id = ?', [o.nextAttemptAt, o.error, o.txId]);
        }
      }
    });
  }

  /** Central is back: whatever was waiting out a backoff may go now. */
  makeAllDue(): Promise<void> {
    const now = this.options.now();
    return this.store.write((tx) => tx.run('UPDATE outbox SET next_attempt_at = ? WHERE next_attempt_at > ?', [now, now])).then(() => undefined);
  }

  stats(): Promise<OutboxStats> {
    return this.store.read(function* (tx) {
      const pending = yield* tx.get(countRow, 'SELECT COUNT(*) AS n, MIN(created_at) AS oldest, MIN(next_attempt_at) AS next FROM outbox');
      const dead = yield* tx.get(z.object({ n: z.number().int() }), 'SELECT COUNT(*) AS n FROM dead_letter');
      return {
        pending: pending?.n ?? 0,
        deadLetters: dead?.n ?? 0,
        oldestCreatedAt: pending?.oldest ?? null,
        nextAttemptAt: pending?.next ?? null,
      };
    });
  }

  deadLetters(limit = 100): Promise<DeadLetterView[]> {
    return this.store
      .read((tx) => tx.all(deadLetterRow, 'SELECT tx_id, kind, code, detail, attempts, created_at, failed_at FROM dead_letter ORDER BY failed_at LIMIT ?', [limit]))
      .then((rows) =>
        rows.map((r) => ({ txId: r.tx_id, kind: r.kind, code: r.code, detail: r.detail, attempts: r.attempts, createdAt: r.created_at, failedAt: r.failed_at })),
      );
  }
}
