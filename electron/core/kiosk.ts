import { createNanoEvents } from 'nanoevents';
import { randomUUID } from 'node:crypto';
import { systemClock } from '../../common/time';
import type { Clock } from '../../common/time';
import { atmServiceIds } from '../contract';
import { serveKioskApi } from '../contract/serve';
import type { AnyDeviceClass, DeviceStatus, KioskApi, KioskEvents, KioskSnapshot, MaintenanceView, RpcChannel, SessionEndReason } from '../contract';
import { AtmDoor } from './atm/atmDoor';
import type { AtmCardDesk } from './atm/ports';
import { type ServiceCatalogueCache, type ServiceDesk, serviceProcedures, wireServiceDesk } from './catalogue';
import type { KioskConfig } from './config/schema';
import { devDockProcedures } from './devDock/procedures';
import { diagnosticsProcedures } from './maintenance/diagnostics/procedures';
import type { DiagnosticsService } from './maintenance/diagnostics/service';
import type { DevDockService } from './devDock/service';
import { JourneyRunner } from './journeys/runner';
import type { MaintenanceDesk } from './maintenance/desk';
import { maintenanceProcedures } from './maintenance/procedures';
import type { JourneyPorts, JourneyTimings } from './journeys/ports';
import { customerProcedures } from './kioskApi';
import type { Logger } from './log';
import { ResultReceipt } from './receipts/resultReceipt';
import { CustomerSession } from './session/customerSession';
import { deriveAppState, deriveServices, initialReadiness } from './state/availability';
import type { Readiness } from './state/availability';
import { composeSnapshot } from './state/snapshot';
import { SessionOutcome } from './telemetry/sessionOutcome';
import { SessionTally } from './telemetry/sessionTally';
import type { SessionEndedFact } from './telemetry/sessionTally';

interface KioskCoreOptions {
  config: KioskConfig;
  logger: Logger;
  /** The session's and the journeys' timers and the snapshot's time; tests pass a simulated one. */
  clock?: Clock;
  newSessionId?: () => string;
  /** Central, devices and the kiosk key for the journeys; without them no journey is offered. */
  journeyPorts?: JourneyPorts;
  journeyTimings?: Partial<JourneyTimings>;
  /** The demo's dev dock (lab and embedded central); its procedures answer not_allowed without it or outside the demo profile. */
  devDock?: DevDockService;
  /** Every journey state entered, transient ones included: state names only, no data (the demo's coverage trace). */
  onJourneyState?: (step: string) => void;
  /** Maintenance diagnostics and the readiness report: served only while maintenance is on. */
  diagnostics?: DiagnosticsService;
  /** ATM mode: the ATM's card reader as the session's door (the journey's own devices are in `journeyPorts.atm`). */
  atm?: AtmCardDesk;
  /**
   * Fleet telemetry: each session's outcome (no PII), committed when its
   * journey reaches its result or else when the session ends (resolves once
   * committed); the session's end (`sessionGone`); and the kiosk's keyed hash
   * of the ID a journey is about (repeat visits).
   */
  telemetry?: {
    sessionOutcome(fact: SessionEndedFact): Promise<unknown>;
    sessionGone(sessionId: string): void;
    visitor(idNumber: string): string;
  };
  /** Government mode: central's service catalogue (menu, availability, the inquiries and forms). */
  catalogue?: ServiceCatalogueCache;
}

/**
 * The kiosk's brain, with no Electron in it: configuration, readiness of
 * devices and central, and the renderers it serves, composed of its parts —
 * the person's session (session/customerSession), the journeys, the result's
 * receipt (receipts/resultReceipt), the ATM's door (atm/atmDoor) and the
 * procedures the renderer calls (kioskApi, devDock/procedures).
 */
export class KioskCore {
  private config: KioskConfig;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly session: CustomerSession;
  private readonly connections = new Set<KioskEvents>();
  private readonly events = createNanoEvents<{ end: (sessionId: string) => void; push: () => void }>();
  private readonly journeys: JourneyRunner | null;
  private readonly atm: AtmDoor | undefined;
  private readonly receipts: ResultReceipt;
  private readiness: Readiness;
  private syncStatus = { lastContactAt: null as number | null, queueDepth: 0, deadLetters: 0 };
  /** Central's configuration in force (null before the first): the snapshot says which, so a screen (or a spec) knows it arrived. */
  private configVersion: string | null = null;
  private revision = 0;
  private lastPushed = '';
  /** What the current session did, for its outcome's telemetry. */
  private readonly tally = new SessionTally();
  private readonly telemetry: KioskCoreOptions['telemetry'];
  /** When the outcome is committed, and the result held back from the screen until it is. */
  private readonly outcome: SessionOutcome;
  /** The journey and receipt as last shown: kept on screen while a result's outcome is being committed. */
  private shown: Pick<Parameters<typeof composeSnapshot>[0], 'journey' | 'receipt'> = { journey: null, receipt: {} };
  /** Maintenance mode (attachMaintenance), and who hears each pushed change (its card watch). */
  private maintenance: MaintenanceDesk | undefined;
  /** Diagnostics: its test capture's progress joins the maintenance view. */
  private readonly diagnostics: DiagnosticsService | undefined;
  /** Central's service catalogue (government mode), and the desk of its inquiries and forms (signed in). */
  private readonly catalogue: ServiceCatalogueCache | null;
  private readonly services: ServiceDesk | null;

  readonly api: KioskApi;

  constructor(options: KioskCoreOptions) {
    this.config = options.config;
    this.diagnostics = options.diagnostics;
    this.diagnostics?.onTestCaptureChange(() => this.push());
    this.log = options.logger;
    this.clock = options.clock ?? systemClock;
    this.telemetry = options.telemetry;
    const outcomeRecorder = options.telemetry;
    this.outcome = new SessionOutcome({
      tally: this.tally,
      ...(outcomeRecorder ? { record: (fact: SessionEndedFact) => outcomeRecorder.sessionOutcome(fact) } : {}),
      now: () => this.clock.now(),
      mode: () => this.config.mode,
      log: this.log,
      released: () => this.push(),
    });
    const atmMode = this.config.mode === 'atm';
    const ports = options.journeyPorts;
    this.session = new CustomerSession({
      timing: this.config.session,
      clock: this.clock,
      log: this.log,
      newSessionId: options.newSessionId ?? randomUUID,
      appState: () => deriveAppState(this.readiness, false),
      onEnded: (sessionId, reason) => this.sessionEnded(sessionId, reason),
      onChange: (session) => {
        this.tally.sessionSeen(session);
        this.push();
      },
    });
    this.journeys = ports
      ? new JourneyRunner({
          ports,
          clock: this.clock,
          log: this.log.child({ component: 'journeys' }),
          ...(options.journeyTimings ? { timings: options.journeyTimings } : {}),
          ...(options.onJourneyState ? { onStateVisited: options.onJourneyState } : {}),
          // Central writes the SMS of every citizen call in the language the person is using now.
          sessionLanguage: () => this.session.language(),
          // Three failed fingerprint matches: the session ends and the person is referred to staff.
          endSession: (reason) => this.session.end(reason),
          // A key pressed on the ATM's EPP is the person there.
          onActivity: () => void this.session.activity(),
        })
      : null;
    this.receipts = new ResultReceipt({
      ports,
      journeys: this.journeys,
      // Read at each offer: the desk is wired below.
      serviceResult: () => this.services?.result() ?? null,
      clock: this.clock,
      config: () => this.config,
      log: this.log.child({ component: 'receipts' }),
      onChange: () => this.push(),
    });
    const atmJourneyBuilt = Boolean(this.journeys && options.atm && ports?.atm);
    this.readiness = initialReadiness(this.config, atmMode ? (atmJourneyBuilt ? atmServiceIds : []) : (this.journeys?.services ?? []));
    this.catalogue = atmMode ? null : (options.catalogue ?? null);
    const wired =
      this.catalogue && this.journeys && ports
        ? wireServiceDesk({ catalogue: this.catalogue, journeys: this.journeys, ports, log: this.log, language: () => this.session.language(), onChange: () => this.push(), onReadiness: (change) => this.updateReadiness(change) })
        : null;
    this.services = wired?.desk ?? null;
    this.readiness = { ...this.readiness, ...wired?.readiness };
    this.atm =
      atmMode && options.atm
        ? new AtmDoor({
            desk: options.atm,
            session: this.session,
            journeys: this.journeys,
            canServe: () => deriveAppState(this.readiness, false).state === 'available',
            journeyStarted: () => this.tally.journeyStarted(),
            onChange: () => this.push(),
            log: this.log,
          })
        : undefined;
    this.journeys?.onChange(() => {
      // Signed out (or never signed in): an inquiry's result goes with the session token.
      if (!this.journeys?.citizenToken()) this.services?.forget();
      this.noteJourney();
      this.push();
    });
    this.session.start();
    this.api = {
      ...customerProcedures({
        session: this.session,
        receipts: this.receipts,
        journeys: this.journeys,
        snapshot: () => this.snapshot(),
        mode: () => this.config.mode,
        services: () => deriveServices(this.readiness),
        journeyStarted: () => this.tally.journeyStarted(),
        outcomeCommitted: () => this.outcome.committed(),
      }),
      // Checked at every call: the profile is read from the live configuration.
      ...devDockProcedures(() => (this.config.profile === 'demo' ? options.devDock : undefined)),
      // Checked at every call: only while a technician has the kiosk.
      // Only for a technician signed in with the right PIN: the pad open (or a lockout) takes the kiosk from the public, but opens nothing.
      ...diagnosticsProcedures(() => {
        const technicianId = this.maintenance?.onDuty;
        return technicianId && options.diagnostics ? { service: options.diagnostics, technicianId } : undefined;
      }),
      ...maintenanceProcedures(() => this.maintenance, () => this.snapshot()),
      ...serviceProcedures(this.catalogue, this.services, {
        inSession: () => this.session.current !== null,
        availability: (id) => deriveServices(this.readiness).find((s) => s.id === id),
        activity: () => void this.session.activity(),
        snapshot: () => this.snapshot(),
      }),
    };
  }

  /** Devices probed and configuration applied: the kiosk may serve people. */
  markStarted(): void {
    this.updateReadiness({ started: true });
    this.log.info({ event: 'kiosk.started', kioskId: this.config.kioskId, profile: this.config.profile }, 'kiosk started');
  }

  setDeviceStatus(device: AnyDeviceClass, status: DeviceStatus): void {
    if (this.readiness.devices[device] === status) return;
    this.log.debug({ event: 'kiosk.deviceStatus', device, status }, 'service availability follows device status');
    this.updateReadiness({ devices: { ...this.readiness.devices, [device]: status } });
  }

  /**
   * Demo only: the core clock was skipped ahead (the dev dock's "skip ahead").
   * The person is taken to have been there all along, so an active session's
   * idle wait starts again rather than running out at once; the renderer gets
   * the new time at once, so its countdowns move with it.
   */
  clockSkipped(): void {
    if (this.session.phase() === 'active') this.session.activity();
    this.push({ evenIfUnchanged: true });
  }

  setCentralReachable(reachable: boolean): void {
    this.updateReadiness({ centralReachable: reachable });
  }

  /** Outbox depth and last contact, from sync. Pushed only when they change. */
  setSyncStatus(status: { lastContactAt: number | null; queueDepth: number; deadLetters: number }): void {
    this.syncStatus = { lastContactAt: status.lastContactAt, queueDepth: status.queueDepth, deadLetters: status.deadLetters };
    this.push();
  }

  /** Maintenance on (a technician signed in) or off: the public sees "out of service" meanwhile, and diagnostics are served only then. */
  setMaintenance(on: boolean): void {
    // Each visit starts with no test capture on screen.
    this.diagnostics?.testCapture.clear();
    this.updateReadiness({ maintenance: on });
  }

  /** Maintenance mode's desk: its view joins the snapshot, its procedures the API, and it hears every change. Answers the detach (shutdown). */
  attachMaintenance(desk: MaintenanceDesk, onPush: () => void): () => void {
    this.maintenance = desk;
    const unlisten = this.events.on('push', onPush);
    this.push();
    return () => {
      unlisten();
      if (this.maintenance === desk) this.maintenance = undefined;
    };
  }

  /** The desk's view, with the diagnostics test capture's progress while a technician is signed in (branch `guidance`). */
  private maintenanceView(): MaintenanceView | null {
    const view = this.maintenance?.view() ?? null;
    const capture = this.diagnostics?.testCapture.view() ?? null;
    return view && view.phase === 'on' && capture ? { ...view, testCapture: capture } : view;
  }

  /** The desk's view changed: every renderer gets the new snapshot. */
  maintenanceChanged(): void {
    this.push();
  }

  get customerSession(): boolean {
    return this.session.current !== null;
  }

  get outOfService(): boolean {
    return this.readiness.outOfService;
  }

  setOutOfService(outOfService: boolean): void {
    this.updateReadiness({ outOfService });
  }

  /**
   * A validated configuration from central: branding and timings change at
   * once (a running countdown keeps its length), out-of-service follows it.
   */
  applyConfig(next: KioskConfig, version?: string): void {
    this.config = next;
    if (version !== undefined) this.configVersion = version;
    this.session.configure(next.session);
    this.log.info({ event: 'kiosk.configApplied' }, 'configuration applied');
    this.updateReadiness({ outOfService: next.outOfService });
  }

  /** Ends any session (the person is told by the renderer) and asks every renderer to reload. */
  requestUiReload(): void {
    this.session.end('cancel');
    for (const c of this.connections) c.reloadRequested();
  }

  /** Called when a session ends for any reason: devices clear buffers, flows drop PII. */
  onSessionEnded(listener: (sessionId: string) => void): () => void {
    return this.events.on('end', listener);
  }

  /** Serve one renderer over a channel. Returns the function that drops it. */
  connect(channel: RpcChannel): () => void {
    const served = serveKioskApi(this.api, channel, {
      onRefused: ({ procedure, code, message }) => this.log.warn({ event: 'rpc.refused', procedure, code }, message),
      onInternalError: (error, procedure) => this.log.error({ event: 'rpc.failed', procedure, err: error }, 'procedure failed'),
    });
    this.connections.add(served.events);
    served.events.snapshot(this.snapshot());
    return () => {
      this.connections.delete(served.events);
      served.close();
    };
  }

  snapshot(): KioskSnapshot {
    // A result is shown once its session's outcome is committed (SessionOutcome): until then, what was on screen stays.
    if (!this.outcome.holding) this.shown = { journey: this.journeys?.view() ?? null, receipt: this.receipts.offer() };
    return composeSnapshot({
      revision: this.revision,
      now: this.clock.now(),
      config: this.config,
      readiness: this.readiness,
      sync: { ...this.syncStatus, configVersion: this.configVersion },
      session: this.session.current,
      sessionPhase: this.session.phase(),
      journey: this.shown.journey,
      atmKey: this.atm?.key ?? null,
      receipt: this.shown.receipt,
      maintenance: this.maintenanceView(),
      maintenanceCard: this.maintenance?.cardBack ?? null,
      service: this.catalogue ? { view: this.services?.view() ?? null, catalogueVersion: this.catalogue.version } : null,
    });
  }

  stop(): void {
    this.journeys?.endSession();
    this.session.stop();
    this.connections.clear();
  }

  /** A session ended, for any reason: its outcome is taken, then nothing of the person stays. */
  private sessionEnded(sessionId: string, reason: SessionEndReason): void {
    // The outcome is taken before the journey lets go of the person (one hook for every journey, ATM included),
    // unless the journey's result settled it already; the end's answer (endSession) waits for its commit.
    this.noteJourney();
    void this.outcome.sessionEnded(sessionId, reason);
    this.telemetry?.sessionGone(sessionId);
    // First of all: nothing of the person stays in a journey (nor what their receipt said about it).
    this.journeys?.endSession();
    this.services?.forget();
    this.receipts.forget();
    // At an ATM a card still inside goes back (kept if nobody takes it) before the next one can go in.
    this.atm?.clearForNextPerson();
    for (const c of this.connections) c.sessionEnded({ sessionId, reason });
    this.events.emit('end', sessionId);
  }

  private updateReadiness(change: Partial<Readiness>): void {
    this.readiness = { ...this.readiness, ...change };
    this.push();
  }

  /** Sends the snapshot when its content changed (`now` aside), or always when the time itself jumped; each push has a higher revision. */
  private push({ evenIfUnchanged = false } = {}): void {
    const { revision: _r, now: _n, ...content } = this.snapshot();
    const key = JSON.stringify(content);
    if (key === this.lastPushed && !evenIfUnchanged) return;
    this.lastPushed = key;
    this.revision += 1;
    const snapshot = this.snapshot();
    for (const c of this.connections) c.snapshot(snapshot);
    this.atm?.follow(snapshot);
    this.events.emit('push');
  }

  /** The journey on screen, for the session's outcome (committed at once if it reached its result); the ID only as the kiosk's keyed hash. */
  private noteJourney(): void {
    const where = this.journeys?.whereNow() ?? null;
    if (!where) return;
    const { idNumber, endsSession: _e, ...journey } = where;
    this.tally.journeySeen(journey, idNumber && this.telemetry ? this.telemetry.visitor(idNumber) : null);
    this.outcome.journeyChanged(this.session.current?.id ?? null, where);
  }
}
