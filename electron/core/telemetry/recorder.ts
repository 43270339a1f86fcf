import { createHmac, hkdfSync } from 'node:crypto';
import type { AuditLink, TelemetryFact, TelemetryPayload } from '../../../common/wire/telemetry';
import { telemetryPayloadSchema } from '../../../common/wire/telemetry';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { Logger } from '../log';
import { appendAudit } from '../store/auditLog';
import type { Json } from '../store/canonicalJson';
import { retainCard } from '../store/deviceCounters';
import type { OutboxEvent } from '../store/outbox';
import type { Tx, TxWork } from '../store/statements';
import type { Store } from '../store/store';

interface TelemetryRecorderOptions {
  store: Store;
  /** Outbox.enqueue: the event joins the caller's transaction. */
  enqueue(tx: Tx, event: OutboxEvent): TxWork<string>;
  now: () => number;
  /** The outbox data key (never leaves the kiosk): the visitor key is derived from it. */
  dataKey: Buffer;
  log: Logger;
  /** After a commit, so sync sends it without waiting for its poll (SyncService.outboxChanged). */
  onRecorded?: () => void;
}

/** The audit log's actor for what a signed-in technician did (the kiosk's own facts are `kiosk`). */
export function technicianActor(technicianId: string): string {
  return `technician:${technicianId}`;
}

type RecordError = { type: 'storeFailed'; detail: string };

/** Device statuses that mean the device cannot serve. `busy` is work, not a fault. */
const FAULTY = new Set(['offline', 'hardwareError', 'noDevice']);
type FaultStatus = 'offline' | 'hardwareError' | 'noDevice';

/**
 * Writes each fact the kiosk reports to the fleet in ONE transaction with
 * the state it changes: the audit-log entry (the kiosk's own record of the
 * fact), any counter it moves, and the `telemetry` outbox event that carries
 * it to central with that audit entry's link. All three commit together or
 * not at all, so central never hears of something the kiosk did not record,
 * and nothing recorded is lost. No payload carries a person's data.
 */
export class TelemetryRecorder {
  private readonly visitorKey: Buffer;
  /** Per device: the fault it is in and since when (only after it was seen working once). */
  private readonly devices = new Map<string, { working: boolean; fault: FaultStatus | null; since: number }>();
  /** Failed fingerprint matches per customer session, until the session ends. */
  private readonly matchFailures = new Map<string, number>();

  constructor(private readonly options: TelemetryRecorderOptions) {
    this.visitorKey = Buffer.from(hkdfSync('sha256', options.dataKey, Buffer.alloc(0), 'kiosk telemetry visitor v1', 32));
  }

  /**
   * The per-kiosk keyed hash of an ID number (128 bits of HMAC-SHA256): the
   * same person at this kiosk gets the same value, at central or any other
   * kiosk it identifies nobody, because the key never leaves this one.
   */
  visitor(idNumber: string): string {
    return createHmac('sha256', this.visitorKey).update(idNumber, 'utf8').digest('hex').slice(0, 32);
  }

  /**
   * Records one fact, with `alongside` (the state change it reports) in the
   * same transaction. Returns the outbox txId, or why nothing was written.
   */
  record(fact: TelemetryFact, alongside?: (tx: Tx) => TxWork<Partial<TelemetryFact> | void>): Promise<Result<string, RecordError>> {
    return this.recordAs('kiosk', fact, alongside);
  }

  /**
   * As `record`, with the audit entry naming who did it: `technicianActor(id)`
   * for what a signed-in technician did, `kiosk` for what the kiosk did itself.
   */
  async recordAs(actor: string, fact: TelemetryFact, alongside?: (tx: Tx) => TxWork<Partial<TelemetryFact> | void>): Promise<Result<string, RecordError>> {
    const { store, enqueue, now } = this.options;
    const at = now();
    try {
      const txId = await store.write(function* (tx) {
        const extra = alongside ? yield* alongside(tx) : undefined;
        const content = { ...fact, ...(extra ?? {}) } as TelemetryFact;
        const audit = yield* appendAudit(tx, { actor, action: `telemetry.${content.type}`, detail: content as unknown as { [key: string]: Json } }, at);
        const link: AuditLink = { seq: audit.seq, hash: audit.hash };
        // The schema is the contract with central: a payload that would be refused there is a bug here, and rolls back.
        const payload: TelemetryPayload = telemetryPayloadSchema.parse({ ...content, audit: link });
        return yield* enqueue(tx, { kind: 'telemetry', payload: payload as unknown as { [key: string]: Json } });
      });
      this.options.onRecorded?.();
      return ok(txId);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.options.log.error({ event: 'telemetry.recordFailed', type: fact.type, err: error }, 'telemetry fact not recorded');
      return err({ type: 'storeFailed', detail });
    }
  }

  /** A customer session ended (see sessionSummary.ts for how the fact is made). */
  sessionEnded(fact: Extract<TelemetryFact, { type: 'session.ended' }>): Promise<Result<string, RecordError>> {
    return this.record(fact);
  }

  /** A card went into the retain bin: the bin's counter moves in the same transaction, and the event says how full it is. */
  cardRetained(device: string, reason: Extract<TelemetryFact, { type: 'card.retained' }>['reason']): Promise<Result<string, RecordError>> {
    const at = this.options.now();
    return this.record({ type: 'card.retained', device, reason, binCount: 0 }, function* (tx) {
      return { binCount: yield* retainCard(tx, device, at) };
    });
  }

  /** Central said a capture did not match (never the template: its quality score only). */
  fingerprintMatchFailed(sessionId: string, failure: { quality: number; attemptsRemaining: number | null; exhausted: boolean }): Promise<Result<string, RecordError>> {
    const failures = (this.matchFailures.get(sessionId) ?? 0) + 1;
    this.matchFailures.set(sessionId, failures);
    return this.record({ type: 'fingerprint.matchFailed', quality: failure.quality, failuresThisSession: failures, attemptsRemaining: failure.attemptsRemaining, exhausted: failure.exhausted });
  }

  /** The session is over: its per-session counts go. */
  forgetSession(sessionId: string): void {
    this.matchFailures.delete(sessionId);
  }

  /**
   * A device's status changed. A device that has worked once and stops
   * (offline, hardware error, gone) is a fault; working again is its
   * recovery. Start-up (offline until the first handshake) is neither.
   */
  deviceStatus(device: string, status: string): Promise<Result<string, RecordError>> | null {
    const now = this.options.now();
    const known = this.devices.get(device) ?? { working: false, fault: null, since: now };
    if (status === 'online' || status === 'busy') {
      this.devices.set(device, { working: true, fault: null, since: now });
      if (known.fault) return this.record({ type: 'device.recovered', device, faultStatus: known.fault, downMs: Math.max(0, now - known.since) });
      return null;
    }
    if (!FAULTY.has(status) || !known.working || known.fault) return null;
    const fault = status as FaultStatus;
    this.devices.set(device, { working: true, fault, since: now });
    return this.record({ type: 'device.fault', device, status: fault });
  }
}
