import type { BackoffPolicy } from '../../../common/backoff';
import type { Result } from '../../../common/result';
import type { Clock } from '../../../common/time';
import type { KioskConfig } from '../config/schema';
import type { Logger } from '../log';
import type { Outbox } from '../store/outbox';
import type { Store } from '../store/store';
import type { CentralClient } from './centralClient';
import type { AppliedConfig } from './configRefresh';
import type { KioskStatus } from './heartbeatStatus';
import type { CertificateState, IdentityKeeper } from './identityKeeper';

/** What SyncService is given and what it reports (syncService.ts is the service). */

/** The calls sync makes; CentralClient in production, a fake in unit specs. */
export type CentralApi = Pick<CentralClient, 'heartbeat' | 'config' | 'deliverOutbox' | 'acknowledgeCommand' | 'renew' | 'useTls' | 'send' | 'close'>;

/** What the kiosk and a technician want to know about sync. */
export interface SyncStatus {
  reachable: boolean | null;
  lastContactAt: number | null;
  queueDepth: number;
  oldestPendingAt: number | null;
  deadLetters: number;
  certificate: CertificateState;
  certificateNotAfter: number;
}

/**
 * While someone uses the kiosk (a customer session, a technician), a backlog drains with this pause after each batch
 * of 100 events: a batch costs 50–70 ms end to end on a two-core kiosk (read, open, send, settle), so the drain takes
 * well under half the CPU it would and the person's touches keep their pace. Measured with `npm run bench` outboxLoad
 * (touch-to-next-paint p95 while draining ÷ after): flat out 1.35–2.3, paced 60 ms 1.10–1.70, paced 100 ms 1.22–1.59,
 * still ≈ 600 events/s (issue 13 asks ≥ 500). Three rounds of 10,000 sessions a run (≈ 750–790 taps each way): paced 100 ms
 * 0.93, 1.05 (stress-ng --cpu 1 beside it) and 1.22 at 690–806 events/s. Against windows of no drain interleaved
 * with the drain's in the same round (the bench since then): 0.95 quiet, 0.97 loaded, at 833 and 678 events/s. With
 * nobody there the outbox drains flat out.
 */
export const defaultOutboxPaceMs = 100;

/** What sync asks of the kiosk. Every callback is synchronous and cheap; sync never waits on the UI. */
export interface SyncHooks {
  /** The kiosk's state for the heartbeat (KioskCore.snapshot() through statusFromSnapshot). */
  status(): KioskStatus;
  setOutOfService(outOfService: boolean, reason: string | null): void;
  reloadUi(): void;
  uploadLogs(since: string | null): Promise<Result<void, string>>;
  /** A validated configuration from central, already stored. */
  applyConfig(applied: AppliedConfig): void;
  /** Someone is using the kiosk (a customer session, a technician): the outbox drains paced, so their screen stays as quick. */
  personPresent?(): boolean;
}

export interface SyncServiceOptions {
  store: Store;
  outbox: Outbox;
  client: CentralApi;
  identity: IdentityKeeper;
  /** The configuration central's overrides are layered onto (defaults ← file). */
  baseConfig: KioskConfig;
  hooks: SyncHooks;
  log: Logger;
  /** Sync's timers (heartbeat, outbox); production passes backgroundClock, whose timers never keep the process alive. */
  clock: Clock;
  random?: () => number;
  /** Reported in every heartbeat, e.g. { app: '0.1.0' }; `config` is added. */
  versions: Record<string, string>;
  heartbeatIntervalMs?: number;
  /** ± this share of the interval, so a fleet restarted together spreads out. */
  heartbeatJitter?: number;
  /** How often an idle outbox is looked at for events nobody announced. */
  outboxPollMs?: number;
  /** The pause between outbox batches while a person is at the screen (default defaultOutboxPaceMs). */
  outboxPaceMs?: number;
  /** How that pause is taken (default: a real timer); specs record it. */
  pause?: (ms: number) => Promise<unknown>;
  backoff?: BackoffPolicy;
  failuresBeforeUnreachable?: number;
}
