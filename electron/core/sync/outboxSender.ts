import type { Result } from '../../../common/result';
import type { EventOutcome, Outbox, PendingEvent } from '../store/outbox';
import { backoffDelay } from '../../../common/backoff';
import type { BackoffPolicy } from '../../../common/backoff';
import { outboxBatchMaxEvents } from '../../../common/wire/kiosk';
import type { CentralError } from './centralError';
import type { OutboxAnswer, OutboxEventBody } from './centralClient';

/**
 * How long a batch central did not take waits: full jitter from 1 s up to
 * 5 min, so a fleet that lost central at the same moment comes back spread out.
 */
export const defaultOutboxBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000, jitter: 'full' };

interface OutboxDelivery {
  deliverOutbox(events: OutboxEventBody[]): Promise<Result<OutboxAnswer, CentralError>>;
}

interface OutboxSenderOptions {
  outbox: Outbox;
  central: OutboxDelivery;
  now: () => number;
  /** [0, 1); injectable so specs can pin the jitter. */
  random: () => number;
  backoff: BackoffPolicy;
  /** central's contract: at most 100 events and a 64 KiB body a batch (so not the 256 KB first planned). */
  maxEvents?: number;
  maxBytes?: number;
  /** Bounds one drain, so a huge backlog yields to heartbeats now and then. */
  maxBatchesPerDrain?: number;
  /** Every call's outcome, for reachability. */
  onCall?: (outcome: { ok: true } | { ok: false; error: CentralError }) => void;
  /** Awaited between one batch and the next of a drain (SyncService paces the drain while a person is at the screen). */
  between?: () => Promise<unknown>;
}

export interface DrainReport {
  delivered: number;
  deadLettered: number;
  batches: number;
  /** Why the drain stopped before the outbox was empty, if it did. */
  stoppedBy: CentralError | null;
}

/** Whole-request answers that mean "this batch, as built, can never pass": split it to find the culprit. */
function isBatchShapeProblem(error: CentralError): boolean {
  return error.type === 'problem' && (error.status === 400 || error.status === 413 || error.status === 415 || error.status === 422);
}

/**
 * Lets whatever else is waiting run first (a renderer's call, a device's
 * frame): a backlog drains in turns with them, never in one long run. Each
 * stage of a batch (claim and open, send, settle) is one turn.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function toBody(e: PendingEvent): OutboxEventBody {
  return { txId: e.txId, kind: e.kind, occurredAt: new Date(e.createdAt).toISOString(), payload: e.payload };
}

/**
 * Sends the outbox to central in batches. One drain at a time (a second call
 * joins the running one), and the ids of the batch in flight are excluded
 * from any claim, so no txId is ever on the wire twice at once. Everything
 * it knows is in SQLite: a restart picks up exactly where it stopped, and
 * central's idempotency on (kiosk, txId) absorbs a batch resent after a crash.
 */
export class OutboxSender {
  private running: Promise<DrainReport> | null = null;
  private readonly inFlight = new Set<string>();
  private batchLimit: number;
  private readonly maxEvents: number;
  private readonly maxBytes: number;

  constructor(private readonly options: OutboxSenderOptions) {
    this.maxEvents = options.maxEvents ?? outboxBatchMaxEvents;
    this.maxBytes = options.maxBytes ?? 60 * 1024;
    this.batchLimit = this.maxEvents;
  }

  drain(): Promise<DrainReport> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async run(): Promise<DrainReport> {
    const report: DrainReport = { delivered: 0, deadLettered: 0, batches: 0, stoppedBy: null };
    const maxBatches = this.options.maxBatchesPerDrain ?? 1_000;
    while (report.batches < maxBatches) {
      await nextTurn();
      const batch = await this.options.outbox.due({ maxEvents: this.batchLimit, maxBytes: this.maxBytes, exclude: this.inFlight });
      if (batch.length === 0) break;
      // The pause between batches comes only where another batch follows: the end of a drain is not held back.
      if (report.batches > 0) await this.options.between?.();
      await nextTurn();
      report.batches += 1;
      const stop = await this.send(batch, report);
      if (stop) {
        report.stoppedBy = stop;
        break;
      }
    }
    return report;
  }

  /** Sends one batch and settles it; returns the error that should end this drain, if any. */
  private async send(batch: PendingEvent[], report: DrainReport): Promise<CentralError | null> {
    for (const e of batch) this.inFlight.add(e.txId);
    try {
      const answer = await this.options.central.deliverOutbox(batch.map(toBody));
      this.options.onCall?.(answer.ok ? { ok: true } : { ok: false, error: answer.error });
      await nextTurn();
      if (answer.ok) {
        await this.settleAnswer(batch, answer.value, report);
        this.batchLimit = this.maxEvents;
        return null;
      }
      if (isBatchShapeProblem(answer.error)) {
        if (batch.length > 1) {
          // Bisect: the next claims are half the size until the one bad event is alone.
          this.batchLimit = Math.max(1, Math.ceil(batch.length / 2));
          return null;
        }
        const only = batch[0];
        if (only && answer.error.type === 'problem') {
          await this.options.outbox.settle([{ txId: only.txId, status: 'rejected', code: answer.error.code, detail: answer.error.detail }]);
          report.deadLettered += 1;
        }
        this.batchLimit = this.maxEvents;
        return null;
      }
      // Network, 5xx, a refused certificate, a garbled answer: the whole batch waits and goes again.
      await this.options.outbox.settle(this.retryAll(batch, describe(answer.error)));
      return answer.error;
    } finally {
      for (const e of batch) this.inFlight.delete(e.txId);
    }
  }

  private async settleAnswer(batch: PendingEvent[], answer: OutboxAnswer, report: DrainReport): Promise<void> {
    const verdicts = new Map(answer.results.map((r) => [r.txId, r]));
    const outcomes: EventOutcome[] = [];
    const missing: PendingEvent[] = [];
    for (const e of batch) {
      const v = verdicts.get(e.txId);
      if (!v) missing.push(e);
      else if (v.status === 'rejected') outcomes.push({ txId: e.txId, status: 'rejected', code: v.code, detail: v.detail });
      else outcomes.push({ txId: e.txId, status: v.status });
    }
    // An event central did not mention was not stored: it goes again later, never assumed delivered.
    outcomes.push(...this.retryAll(missing, 'no verdict in the answer'));
    await this.options.outbox.settle(outcomes);
    report.delivered += outcomes.filter((o) => o.status === 'accepted' || o.status === 'duplicate').length;
    report.deadLettered += outcomes.filter((o) => o.status === 'rejected').length;
  }

  /** One jittered delay for the whole batch, so it stays together on the next try. */
  private retryAll(batch: PendingEvent[], error: string): EventOutcome[] {
    if (batch.length === 0) return [];
    const attempt = Math.max(...batch.map((e) => e.attempts));
    const nextAttemptAt = this.options.now() + backoffDelay(this.options.backoff, attempt, this.options.random);
    return batch.map((e) => ({ txId: e.txId, status: 'retry', error, nextAttemptAt }));
  }
}

function describe(error: CentralError): string {
  switch (error.type) {
    case 'unreachable':
      return `unreachable (${error.cause}: ${error.detail})`;
    case 'serverError':
      return `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}`;
    case 'problem':
      return `HTTP ${error.status} ${error.code}`;
    case 'invalidResponse':
      return `invalid response (HTTP ${error.status}): ${error.detail}`;
  }
}
