import { createNanoEvents } from 'nanoevents';
import type { Result } from '../../../common/result';
import { err, ok } from '../../../common/result';
import { sleep } from '../../../common/time';
import type { OutboxEvent, OutboxStats } from '../store/outbox';
import type { Tx, TxWork } from '../store/statements';
import { auditHead } from '../store/auditLog';
import { callRoute } from './respond';
import { uploadLogParts } from './logUpload';
import { type ConfigFetch, fetchConditional } from './centralClient';
import type { CentralError } from './centralError';
import { callCitizen, defaultCitizenPolicy } from './citizenCalls';
import type { CitizenCall, CitizenCallError, CitizenRoute } from './citizenCalls';
import { ConfigRefresh } from './configRefresh';
import { OutboxSender, defaultOutboxBackoff } from './outboxSender';
import type { DrainReport } from './outboxSender';
import { Reachability } from './reachability';
import { CommandRunner } from './remoteCommands';
import type { RouteAnswer } from './route';
import { defaultOutboxPaceMs } from './syncOptions';
import type { SyncServiceOptions, SyncStatus } from './syncOptions';

/**
 * The kiosk side of sync: a heartbeat every 30 s (± jitter) that carries the
 * kiosk's state and brings back remote commands and the config version; the
 * outbox drained on its own schedule and at once when central comes back;
 * reachability and sync status reported to whoever listens.
 */
export class SyncService {
  private readonly reachability: Reachability;
  private readonly sender: OutboxSender;
  private readonly commands: CommandRunner;
  private readonly configRefresh: ConfigRefresh;
  private readonly random: () => number;
  private readonly heartbeatIntervalMs: number;
  private readonly heartbeatJitter: number;
  private readonly outboxPollMs: number;
  private readonly events = createNanoEvents<{ status: (status: SyncStatus) => void }>();
  private heartbeatTimer: unknown = null;
  private outboxTimer: unknown = null;
  private running = false;
  private heartbeatInFlight: Promise<void> | null = null;
  private lastStatus = '';
  /** The newest heartbeat: when, whether central answered, and central's clock against ours (half the round trip allowed for). */
  private lastHeartbeat: { at: number; ok: boolean; skewMs: number | null } | null = null;
  /** Work started by timers and listeners, so stop() and specs can wait for it. */
  private readonly tasks = new Set<Promise<unknown>>();

  constructor(private readonly options: SyncServiceOptions) {
    const { clock } = options;
    this.random = options.random ?? Math.random;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 30_000;
    this.heartbeatJitter = options.heartbeatJitter ?? 0.1;
    this.outboxPollMs = options.outboxPollMs ?? 10_000;
    this.reachability = new Reachability({
      failuresBeforeUnreachable: options.failuresBeforeUnreachable ?? 3,
      silenceMs: 3 * this.heartbeatIntervalMs,
      now: () => clock.now(),
    });
    const onCall = (outcome: { ok: true } | { ok: false; error: CentralError }) => this.reachability.record(outcome);
    this.sender = new OutboxSender({
      outbox: options.outbox,
      central: options.client,
      now: () => clock.now(),
      random: this.random,
      backoff: options.backoff ?? defaultOutboxBackoff,
      onCall,
      // Real time, not the sync clock: a pause is the CPU handed to the person's screen, and a stopping service
      // (or a spec's quiescing clock) must never wait on a timer only it could move.
      between: () => (this.running && options.hooks.personPresent?.() ? (options.pause ?? sleep)(options.outboxPaceMs ?? defaultOutboxPaceMs) : Promise.resolve()),
    });
    this.configRefresh = new ConfigRefresh({
      store: options.store,
      source: options.client,
      base: options.baseConfig,
      now: () => clock.now(),
      onApplied: (applied) => {
        options.log.info({ event: 'sync.config.applied', version: applied.version }, 'central configuration applied');
        options.hooks.applyConfig(applied);
      },
    });
    this.commands = new CommandRunner({
      store: options.store,
      central: options.client,
      now: () => clock.now(),
      onCall,
      handlers: {
        setOutOfService: (on, reason) => options.hooks.setOutOfService(on, reason),
        reloadUi: () => options.hooks.reloadUi(),
        uploadLogs: (since) => options.hooks.uploadLogs(since),
        refreshConfig: async () => {
          const r = await this.configRefresh.refresh();
          if (!r.ok) return err(`config fetch failed: ${r.error.type}`);
          return r.value.status === 'rejected' ? err(`config ${r.value.version ?? '?'} rejected: ${r.value.reasons.join('; ').slice(0, 300)}`) : ok();
        },
      },
    });
    this.reachability.onChange((reachable) => {
      options.log.info({ event: 'sync.reachability', reachable }, reachable ? 'central reachable' : 'central unreachable');
      // Back in touch: what waited out a backoff goes now, not at its jittered time.
      if (reachable && this.running) this.track(options.outbox.makeAllDue().then(() => this.drainSoon(0)));
      this.track(this.emitStatus());
    });
  }

  /** Applies the configuration stored by an earlier run, then starts the heartbeat and the outbox schedule. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.configRefresh.restore();
    this.scheduleHeartbeat(0);
    this.drainSoon(0);
  }

  /** Stops timers, lets running work finish, closes the connection. The store stays open (the core owns it). */
  async stop(): Promise<void> {
    this.running = false;
    this.options.clock.clearTimeout(this.heartbeatTimer);
    this.options.clock.clearTimeout(this.outboxTimer);
    await this.whenIdle();
    await this.sender.drain().catch(() => undefined);
    await this.options.client.close();
  }

  /** Resolves when nothing sync started is still running (specs, and a clean stop). */
  async whenIdle(): Promise<void> {
    for (let round = 0; round < 100 && this.tasks.size > 0; round++) {
      await Promise.allSettled([...this.tasks]);
    }
  }

  private track(task: Promise<unknown>): void {
    const guarded = task.catch((error: unknown) => this.options.log.error({ event: 'sync.task.error', err: error }, 'sync task failed'));
    this.tasks.add(guarded);
    void guarded.finally(() => this.tasks.delete(guarded));
  }

  /** Listens for reachability changes (the kiosk greys out central services). Returns the unsubscribe. */
  onReachability(listener: (reachable: boolean) => void): () => void {
    return this.reachability.onChange(listener);
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    return this.events.on('status', listener);
  }

  get reachable(): boolean | null {
    return this.reachability.current;
  }

  /**
   * An event in the caller's own transaction (see Outbox.enqueue); call
   * `outboxChanged()` after the commit so it leaves without waiting for the poll.
   */
  enqueue(tx: Tx, event: OutboxEvent): TxWork<string> {
    return this.options.outbox.enqueue(tx, event);
  }

  /** An event with nothing else to commit alongside. */
  async record(event: OutboxEvent): Promise<string> {
    const txId = await this.options.outbox.add(event);
    this.outboxChanged();
    return txId;
  }

  outboxChanged(): void {
    if (this.reachability.current !== false) this.drainSoon(0);
  }

  /** Listeners hear only changes; this asks for the current status at once. */
  async status(): Promise<SyncStatus> {
    return this.buildStatus(await this.options.outbox.stats());
  }

  /** The newest heartbeat (null before the first): the maintenance screen's last heartbeat and clock skew. */
  heartbeatInfo(): { at: number; ok: boolean; skewMs: number | null } | null {
    return this.lastHeartbeat && { ...this.lastHeartbeat };
  }

  /** The service catalogue, conditional on the ETag held (electron/core/catalogue keeps and validates it). */
  async catalogue(etag: string | null): Promise<Result<ConfigFetch, CentralError>> {
    const fetched = await fetchConditional(this.options.client, 'getServiceCatalogue', etag, 10_000);
    this.reachability.record(fetched.ok ? { ok: true } : { ok: false, error: fetched.error });
    return fetched;
  }

  /** Online citizen call on the kiosk's mTLS identity; never queued (see callCitizen). */
  callCitizen<K extends CitizenRoute>(call: CitizenCall<K>): Promise<Result<RouteAnswer<K>, CitizenCallError>> {
    return callCitizen(this.options.client, call, { ...defaultCitizenPolicy, onCall: (o) => this.reachability.record(o) });
  }

  /** A technician's PIN checked by central (maintenance mode): online only, never queued. */
  async verifyTechnicianPin(technicianId: string, pin: string): Promise<Result<RouteAnswer<'verifyTechnicianPin'>, CentralError>> {
    const answer = await callRoute(this.options.client, 'verifyTechnicianPin', { body: { technicianId, pin } }, { timeoutMs: 10_000 });
    this.reachability.record(answer.ok ? { ok: true } : { ok: false, error: answer.error });
    return answer;
  }

  /** ATM mode: a technician's PIN as the EPP's format 4 block under the technician key; central deciphers and checks it (online only, never queued). */
  async verifyTechnicianPinBlock(technicianId: string, pinBlock: string): Promise<Result<RouteAnswer<'verifyTechnicianPinBlock'>, CentralError>> {
    const answer = await callRoute(this.options.client, 'verifyTechnicianPinBlock', { body: { technicianId, format: 'iso4', pinBlock } }, { timeoutMs: 10_000 });
    this.reachability.record(answer.ok ? { ok: true } : { ok: false, error: answer.error });
    return answer;
  }

  /** Fetches central's configuration now (a technician's "refresh configuration"). */
  refreshConfigNow(): ReturnType<ConfigRefresh['refresh']> {
    return this.configRefresh.refresh();
  }

  /** One heartbeat now (also what the timer runs). Never two at once. */
  heartbeatNow(): Promise<void> {
    if (!this.heartbeatInFlight) {
      this.heartbeatInFlight = this.heartbeat().finally(() => {
        this.heartbeatInFlight = null;
      });
    }
    return this.heartbeatInFlight;
  }

  /**
   * One heartbeat that starts after this call (one already in flight may
   * predate what the caller needs to know: it is waited out first), and how
   * central answered it. Only what this heartbeat got counts: any other
   * central call moves `lastContactAt`, not this answer.
   */
  async freshHeartbeat(): Promise<{ at: number; ok: boolean; skewMs: number | null } | null> {
    if (this.heartbeatInFlight) await this.heartbeatInFlight.catch(() => undefined);
    await this.heartbeatNow();
    return this.heartbeatInfo();
  }

  /** The log ring's text to central as one upload, in parts (see uploadLogParts). */
  uploadLog(uploadId: string, text: string): Promise<Result<{ parts: number; bytes: number }, string>> {
    return uploadLogParts(this.options.client, { uploadId, text }, (outcome) => this.reachability.record(outcome));
  }

  drainNow(): Promise<DrainReport> {
    return this.sender.drain();
  }

  private async heartbeat(): Promise<void> {
    const { client, identity, outbox, log, clock } = this.options;
    const renewal = await identity.renewIfDue();
    if (!renewal.ok) {
      log.warn({ event: 'sync.certificate.renewalFailed', reason: renewal.error.type }, 'certificate renewal failed');
    } else if (renewal.value === 'renewed') {
      log.info({ event: 'sync.certificate.renewed', notAfter: identity.identity.notAfter }, 'certificate renewed');
    }
    const stats = await outbox.stats();
    const configVersion = await this.configRefresh.storedVersion();
    const head = await this.options.store.read((tx) => auditHead(tx));
    const sentAt = clock.now();
    const answer = await client.heartbeat({
      ...this.options.hooks.status(),
      versions: { ...this.options.versions, config: configVersion ?? 'none' },
      queueDepth: stats.pending,
      clock: new Date(clock.now()).toISOString(),
      auditHead: head,
    });
    this.reachability.record(answer.ok ? { ok: true } : { ok: false, error: answer.error });
    const answeredAt = clock.now();
    const serverTime = answer.ok ? Date.parse(answer.value.serverTime) : Number.NaN;
    this.lastHeartbeat = { at: answeredAt, ok: answer.ok, skewMs: Number.isFinite(serverTime) ? Math.round(serverTime - (sentAt + answeredAt) / 2) : null };
    if (answer.ok) {
      await this.commands.run(answer.value.commands);
      if (answer.value.configVersion !== configVersion) {
        const r = await this.configRefresh.refresh();
        if (r.ok && r.value.status === 'rejected') log.warn({ event: 'sync.config.rejected', version: r.value.version, reasons: r.value.reasons }, 'central configuration refused');
      }
    } else {
      log.debug({ event: 'sync.heartbeat.failed', error: answer.error.type }, 'heartbeat failed');
    }
    this.reachability.checkSilence();
    await this.emitStatus();
  }

  private scheduleHeartbeat(delayMs: number): void {
    const { clock } = this.options;
    clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = clock.setTimeout(() => {
      this.track(
        this.heartbeatNow().finally(() => {
          if (!this.running) return;
          const jitter = (this.random() * 2 - 1) * this.heartbeatJitter * this.heartbeatIntervalMs;
          this.scheduleHeartbeat(Math.round(this.heartbeatIntervalMs + jitter));
        }),
      );
    }, delayMs);
  }

  private drainSoon(delayMs: number): void {
    if (!this.running) return;
    const { clock } = this.options;
    clock.clearTimeout(this.outboxTimer);
    this.outboxTimer = clock.setTimeout(() => this.track(this.drainAndReschedule()), Math.max(0, delayMs));
  }

  private async drainAndReschedule(): Promise<void> {
    const { outbox, clock, log } = this.options;
    try {
      const report = await this.sender.drain();
      if (report.deadLettered) log.warn({ event: 'sync.outbox.deadLettered', count: report.deadLettered }, 'outbox events refused for good');
      const stats = await outbox.stats();
      await this.emitStatus(stats);
      // Next look: when the earliest waiting event is due (now, if a drain stopped at its batch bound), at least every poll interval.
      const wait = stats.nextAttemptAt === null ? this.outboxPollMs : Math.min(this.outboxPollMs, stats.nextAttemptAt - clock.now());
      this.drainSoon(Math.max(wait, 0));
    } catch (error) {
      log.error({ event: 'sync.outbox.error', err: error }, 'outbox drain crashed');
      this.drainSoon(this.outboxPollMs);
    }
  }

  private async emitStatus(known?: OutboxStats): Promise<void> {
    if (!this.events.events.status?.length) return;
    const status = this.buildStatus(known ?? (await this.options.outbox.stats()));
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.events.emit('status', status);
  }

  private buildStatus(stats: OutboxStats): SyncStatus {
    return {
      reachable: this.reachability.current,
      lastContactAt: this.reachability.lastContactAt,
      queueDepth: stats.pending,
      oldestPendingAt: stats.oldestCreatedAt,
      deadLetters: stats.deadLetters,
      certificate: this.options.identity.state(),
      certificateNotAfter: this.options.identity.identity.notAfter,
    };
  }
}
