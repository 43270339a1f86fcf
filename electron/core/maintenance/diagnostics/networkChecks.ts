import type { CheckOutcome, DiagnosticsReport } from '../../../contract';
import type { SyncStatus } from '../../sync/syncOptions';
import { outcome } from './outcome';

/** What sync can tell a technician; null when the kiosk has no central configured or sync did not start. */
export interface NetworkSource {
  status(): Promise<SyncStatus>;
  heartbeatInfo(): { at: number; ok: boolean; skewMs: number | null } | null;
  /** Heartbeat interval: a heartbeat older than three of them is stale. */
  heartbeatIntervalMs: number;
}

/** Central's clock more than this away from ours: amber (certificates and signed captures start to fail beyond a few minutes). */
export const CLOCK_SKEW_WARN_MS = 30_000;
export const CLOCK_SKEW_FAIL_MS = 5 * 60_000;
/** The outbox this deep, or its oldest event this old, is worth a look. */
export const OUTBOX_WARN_DEPTH = 500;
const DAY_MS = 24 * 3_600_000;

export async function networkChecks(source: NetworkSource | null, configured: boolean, now: number): Promise<DiagnosticsReport> {
  if (!source) {
    const check = configured
      ? outcome('network.central', 'fail', 'sync with central did not start (enrolment or certificate problem): see the log', now, { code: 'syncNotStarted' })
      : outcome('network.central', 'warn', 'no central configured on this kiosk', now, { code: 'noCentral' });
    return { target: 'network', present: true, checks: [check] };
  }
  const status = await source.status();
  const heartbeat = source.heartbeatInfo();
  const checks: CheckOutcome[] = [];
  const lastContact = status.lastContactAt;
  checks.push(
    status.reachable === false
      ? outcome('network.central', 'fail', 'central does not answer', now, { code: 'unreachable', facts: { lastContactAt: lastContact } })
      : status.reachable === null
        ? outcome('network.central', 'warn', 'not in touch with central yet', now, { code: 'notYet', facts: { lastContactAt: lastContact } })
        : outcome('network.central', 'pass', 'central answers', now, { facts: { lastContactAt: lastContact } }),
  );
  if (!heartbeat) checks.push(outcome('network.heartbeat', 'warn', 'no heartbeat yet', now, { code: 'notYet' }));
  else {
    const ageMs = Math.max(0, now - heartbeat.at);
    const facts = { lastHeartbeatAt: heartbeat.at, ageSeconds: Math.round(ageMs / 1000), answered: heartbeat.ok };
    checks.push(
      !heartbeat.ok
        ? outcome('network.heartbeat', 'fail', 'the last heartbeat got no answer', now, { code: 'unreachable', facts })
        : ageMs > 3 * source.heartbeatIntervalMs
          ? outcome('network.heartbeat', 'warn', `last heartbeat ${Math.round(ageMs / 1000)} s ago`, now, { code: 'stale', facts })
          : outcome('network.heartbeat', 'pass', `last heartbeat ${Math.round(ageMs / 1000)} s ago`, now, { facts }),
    );
    if (heartbeat.skewMs !== null) {
      const skew = heartbeat.skewMs;
      const facts2 = { skewMs: skew };
      const abs = Math.abs(skew);
      checks.push(
        abs >= CLOCK_SKEW_FAIL_MS
          ? outcome('network.clock', 'fail', `the kiosk's clock is ${Math.round(skew / 1000)} s off central's`, now, { code: 'clockSkew', facts: facts2 })
          : abs >= CLOCK_SKEW_WARN_MS
            ? outcome('network.clock', 'warn', `the kiosk's clock is ${Math.round(skew / 1000)} s off central's`, now, { code: 'clockSkew', facts: facts2 })
            : outcome('network.clock', 'pass', `within ${Math.max(1, Math.round(abs / 1000))} s of central`, now, { facts: facts2 }),
      );
    }
  }
  const left = status.certificateNotAfter - now;
  const certFacts = { notAfter: status.certificateNotAfter, daysLeft: Math.floor(left / DAY_MS), state: status.certificate };
  checks.push(
    status.certificate === 'expired'
      ? outcome('network.certificate', 'fail', 'the kiosk certificate has expired: enrol again', now, { code: 'expired', facts: certFacts })
      : status.certificate === 'renewalDue'
        ? outcome('network.certificate', 'warn', `certificate renewal due (${new Date(status.certificateNotAfter).toISOString()})`, now, { code: 'renewalDue', facts: certFacts })
        : outcome('network.certificate', 'pass', `valid until ${new Date(status.certificateNotAfter).toISOString()}`, now, { facts: certFacts }),
  );
  const oldestAgeMs = status.oldestPendingAt === null ? 0 : Math.max(0, now - status.oldestPendingAt);
  const outboxFacts = { queueDepth: status.queueDepth, oldestSeconds: Math.round(oldestAgeMs / 1000) };
  checks.push(
    status.queueDepth >= OUTBOX_WARN_DEPTH || oldestAgeMs > DAY_MS
      ? outcome('network.outbox', 'warn', `${status.queueDepth} events waiting to be sent`, now, { code: 'backlog', facts: outboxFacts })
      : outcome('network.outbox', 'pass', `${status.queueDepth} events waiting to be sent`, now, { facts: outboxFacts }),
  );
  checks.push(
    status.deadLetters > 0
      ? outcome('network.deadLetters', 'warn', `${status.deadLetters} events central refused for good: retry or discard each`, now, { code: 'deadLetters', facts: { deadLetters: status.deadLetters } })
      : outcome('network.deadLetters', 'pass', 'no refused events', now, { facts: { deadLetters: 0 } }),
  );
  return { target: 'network', present: true, checks };
}
