import { randomUUID } from 'node:crypto';
import { createActor } from 'xstate';
import { systemClock } from '../../common/time';
import type { Clock } from '../../common/time';
import { atmServiceCatalogue, atmServiceIds, KioskError } from '../contract';
import { serveKioskApi } from '../contract/serve';
import type {
  AnyDeviceClass,
  AnyJourneyService,
  AtmJourneyView,
  AtmKeyPress,
  AtmNavigationKey,
  DeviceClass,
  DeviceStatus,
  DeviceStatuses,
  JourneyView,
  KioskApi,
  KioskEvents,
  KioskSnapshot,
  JourneyReceiptKind,
  ReceiptOffer,
  RpcChannel,
} from '../contract';
import type { BankCardRead } from './atm/ports';
import type { AtmCardDesk } from './atm/service';
import { type ServiceCatalogueCache, type ServiceDesk, serviceProcedures, wireServiceDesk } from './catalogue';
import type { KioskConfig } from './config/schema';
import { devDockProcedures } from './devDock/procedures';
import type { DevDockService } from './devDock/service';
import { JourneyRunner } from './journeys/runner';
import type { Result } from '../../common/result';
import { type PrintRefusal, ReceiptDesk } from './receipts/desk';
import { type JourneyReceipt, journeyReceipt } from './receipts/journeyReceipts';
import type { JourneyPorts, JourneyTimings } from './journeys/ports';
import type { Logger } from './log';
import { sessionMachine, sessionPhase } from './session/machine';
import { deriveAppState, deriveServices } from './state/availability';
import { SessionTally } from './telemetry/sessionTally';
import type { SessionEndedFact } from './telemetry/sessionTally';
import type { Readiness } from './state/availability';

export interface KioskCoreOptions {
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
  /** ATM mode: the ATM's card reader as the session's door (the journey's own devices are in `journeyPorts.atm`). */
  atm?: AtmCardDesk;
  /**
   * Fleet telemetry: each session's outcome when it ends (no PII), and the
   * kiosk's keyed hash of the ID a journey is about (repeat visits).
   */
  telemetry?: {
    sessionEnded(fact: SessionEndedFact, sessionId: string): void;
    visitor(idNumber: string): string;
  };
  /** Government mode: central's service catalogue (menu, availability, the inquiries and forms). */
  catalogue?: ServiceCatalogueCache;
}

const isAtmView = (view: JourneyView<AnyJourneyService>): view is AtmJourneyView => view.service === 'atm';
const isGovernmentView = (view: JourneyView<AnyJourneyService>): view is JourneyView => view.service !== 'atm';

/**
 * The kiosk's brain, with no Electron in it: configuration, the customer
 * session, readiness of devices and central, and the API the renderer calls.
 */
export class KioskCore {
  private config: KioskConfig;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly newSessionId: () => string;
  private readonly session;
  private readonly connections = new Set<KioskEvents>();
  private readonly endListeners = new Set<(sessionId: string) => void>();
  private readonly journeys: JourneyRunner | null;
  private readonly devDock: DevDockService | undefined;
  private readonly atm: AtmCardDesk | undefined;
  private readonly receipts: ReceiptDesk;
  /** The result on screen (its step and transaction) and the receipt it offers, if any. */
  private offered: { key: string; offer: { kind: JourneyReceiptKind; reference: string } | null } | undefined;
  private readiness: Readiness;
  private syncStatus = { lastContactAt: null as number | null, queueDepth: 0, deadLetters: 0 };
  private revision = 0;
  private lastPushed = '';
  /** ATM mode: the newest key pressed beside the screen. */
  private atmKey: AtmKeyPress | null = null;
  /** What the current session did, for its outcome's telemetry. */
  private readonly tally = new SessionTally();
  private readonly telemetry: KioskCoreOptions['telemetry'];
  private readonly catalogue: ServiceCatalogueCache | null;
  /** The catalogue's inquiries and forms (signed in). */
  private readonly services: ServiceDesk | null;

  readonly api: KioskApi;

  constructor(options: KioskCoreOptions) {
    this.config = options.config;
    this.log = options.logger;
    this.clock = options.clock ?? systemClock;
    this.newSessionId = options.newSessionId ?? randomUUID;
    this.devDock = options.devDock;
    this.telemetry = options.telemetry;
    const atmMode = this.config.mode === 'atm';
    this.atm = atmMode ? options.atm : undefined;
    this.journeys = options.journeyPorts
      ? new JourneyRunner({
          ports: options.journeyPorts,
          clock: this.clock,
          log: this.log.child({ component: 'journeys' }),
          ...(options.journeyTimings ? { timings: options.journeyTimings } : {}),
          ...(options.onJourneyState ? { onStateVisited: options.onJourneyState } : {}),
          // Central writes the SMS of every citizen call in the language the person is using now.
          sessionLanguage: () => this.session.getSnapshot().context.session?.language ?? null,
          // Three failed fingerprint matches: the session ends and the person is referred to staff.
          endSession: (reason) => {
            if (this.inSession()) this.session.send({ type: 'END', reason });
          },
          // A key pressed on the ATM's EPP is the person there.
          onActivity: () => {
            if (this.inSession()) this.session.send({ type: 'ACTIVITY' });
          },
        })
      : null;
    const ports = options.journeyPorts;
    this.receipts = new ReceiptDesk({
      printer: ports?.printer,
      log: this.log.child({ component: 'receipts' }),
      onChange: () => this.push(),
      // No paper: central sends the receipt to the account's own mobile, named by the result's transaction.
      ...(ports && {
        sms: ({ kind, reference, language }) => ports.callCitizen({ route: 'sendReceiptSms', idempotencyKey: ports.newTransactionId(), language, body: { kind, reference } }),
      }),
    });
    const configured = (d: DeviceClass): DeviceStatus => (this.config.devices[d] ? 'offline' : 'noDevice');
    // At an ATM the card slot and the printer are the ATM's, found over XFS4IoT; the EPP is the fourth device.
    const devices: DeviceStatuses = atmMode
      ? { fingerprint: 'noDevice', cardSlot: 'offline', printer: 'offline', pinPad: 'offline' }
      : { fingerprint: configured('fingerprint'), cardSlot: configured('cardSlot'), printer: configured('printer') };
    this.readiness = {
      started: false,
      outOfService: this.config.outOfService,
      maintenance: false,
      devices,
      centralReachable: this.config.central.url ? false : null,
      builtServices: new Set(atmMode ? (this.journeys && this.atm && options.journeyPorts?.atm ? atmServiceIds : []) : (this.journeys?.services ?? [])),
      ...(atmMode ? { catalogue: atmServiceCatalogue } : {}),
    };
    this.catalogue = atmMode ? null : (options.catalogue ?? null);
    const wired = this.catalogue && this.journeys && ports
      ? wireServiceDesk({ catalogue: this.catalogue, journeys: this.journeys, ports, log: this.log, language: () => this.session.getSnapshot().context.session?.language ?? null, onChange: () => this.push(), onReadiness: (change) => this.updateReadiness(change) })
      : null;
    this.services = wired?.desk ?? null;
    this.readiness = { ...this.readiness, ...wired?.readiness };
    this.session = createActor(sessionMachine, {
      input: { timing: this.config.session, now: () => this.clock.now() },
      clock: this.clock,
    });
    this.session.on('ended', ({ sessionId, reason }) => {
      this.log.info({ event: 'session.ended', sessionId, reason }, 'session ended');
      // The outcome is taken before the journey lets go of the person (one hook for every journey, ATM included).
      this.noteJourney();
      const outcome = this.tally.end(sessionId, reason, this.clock.now(), this.config.mode);
      if (outcome) this.telemetry?.sessionEnded(outcome, sessionId);
      // First of all: nothing of the person stays in a journey (nor what their receipt said about it).
      this.journeys?.endSession();
      this.services?.forget();
      this.receipts.forget();
      // At an ATM a card still inside goes back (kept if nobody takes it) before the next one can go in.
      void this.atm?.clearForNextPerson();
      for (const c of this.connections) c.sessionEnded({ sessionId, reason });
      for (const l of this.endListeners) l(sessionId);
    });
    this.session.subscribe((state) => {
      this.tally.sessionSeen(state.context.session);
      this.push();
    });
    this.journeys?.onChange(() => {
      // Signed out (or never signed in): an inquiry's result goes with the session token.
      if (!this.journeys?.citizenToken()) this.services?.forget();
      this.noteJourney();
      this.push();
    });
    this.atm?.onNavigationKey((key) => this.atmKeyPressed(key));
    this.atm?.onHeadset?.((plugged) => this.atmHeadset(plugged));
    this.session.start();
    this.api = this.createApi();
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
    const state = this.session.getSnapshot();
    if (this.inSession() && sessionPhase(state) === 'active') this.session.send({ type: 'ACTIVITY' });
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

  setOutOfService(outOfService: boolean): void {
    this.updateReadiness({ outOfService });
  }

  /**
   * A validated configuration from central: branding and timings change at
   * once (a running countdown keeps its length), out-of-service follows it.
   */
  applyConfig(next: KioskConfig): void {
    this.config = next;
    this.session.send({ type: 'CONFIGURE', timing: next.session });
    this.log.info({ event: 'kiosk.configApplied' }, 'configuration applied');
    this.updateReadiness({ outOfService: next.outOfService });
  }

  /** Ends any session (the person is told by the renderer) and asks every renderer to reload. */
  requestUiReload(): void {
    if (this.inSession()) this.session.send({ type: 'END', reason: 'cancel' });
    for (const c of this.connections) c.reloadRequested();
  }

  /** Called when a session ends for any reason: devices clear buffers, flows drop PII. */
  onSessionEnded(listener: (sessionId: string) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
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
    const context = this.session.getSnapshot().context;
    const state = this.session.getSnapshot();
    const s = context.session;
    const view = this.journeys?.view() ?? null;
    return {
      revision: this.revision,
      now: this.clock.now(),
      profile: this.config.profile,
      mode: this.config.mode,
      appState: deriveAppState(this.readiness, s !== null),
      session: s && {
        id: s.id,
        phase: sessionPhase(state) === 'warning' ? 'warning' : 'active',
        startedAt: s.startedAt,
        warningEndsAt: s.warningEndsAt,
        extensionsUsed: s.extensionsUsed,
        extensionsAllowed: this.config.session.extensionsAllowed,
        language: s.language,
        highContrast: s.highContrast,
        largeText: s.largeText,
        speech: s.speech,
        volume: s.volume,
      },
      devices: { ...this.readiness.devices },
      central: { reachable: this.readiness.centralReachable === true, ...this.syncStatus },
      services: deriveServices(this.readiness),
      journey: view && isGovernmentView(view) ? view : null,
      ...(this.config.mode === 'atm' ? { atmJourney: view && isAtmView(view) ? view : null, atmKey: this.atmKey } : {}),
      ...(this.catalogue ? { service: this.services?.view() ?? null, catalogueVersion: this.catalogue.version } : {}),
      ...this.receiptOffer(),
      branding: this.config.branding,
      timing: {
        idleWarningAfterMs: this.config.session.idleWarningAfterMs,
        idleCountdownMs: this.config.session.idleCountdownMs,
        sessionCapMs: this.config.session.sessionCapMs,
      },
    };
  }

  stop(): void {
    this.journeys?.endSession();
    this.session.stop();
    this.connections.clear();
  }

  private updateReadiness(change: Partial<Readiness>): void {
    this.readiness = { ...this.readiness, ...change };
    this.push();
  }

  /** Pushes only real changes, each with a higher revision. */
  /** Sends the snapshot when its content changed (`now` aside), or always when the time itself jumped. */
  private push({ evenIfUnchanged = false } = {}): void {
    const { revision: _r, now: _n, ...content } = this.snapshot();
    const key = JSON.stringify(content);
    if (key === this.lastPushed && !evenIfUnchanged) return;
    this.lastPushed = key;
    this.revision += 1;
    const snapshot = this.snapshot();
    for (const c of this.connections) c.snapshot(snapshot);
    this.followAtm(snapshot);
  }

  /**
   * ATM mode: the card slot is open while the kiosk can serve and no journey
   * is on screen; the keys beside the screen are read while a screen waits
   * for a choice (not while a PIN is typed, nor while the kiosk is busy).
   */
  private followAtm(snapshot: KioskSnapshot): void {
    if (!this.atm) return;
    const canServe = deriveAppState(this.readiness, false).state === 'available';
    this.atm.setWatching(canServe && !snapshot.atmJourney, (read) => this.atmCardIn(read));
    const journey = snapshot.atmJourney;
    this.atm.setNavigating(journey ? !journey.busy && !journey.step.startsWith('atm.pin.') : canServe || snapshot.session !== null);
  }

  /** A key beside the screen: the screen acts on it (snapshot.atmKey), and the person is there. */
  private atmKeyPressed(key: AtmNavigationKey): void {
    this.atmKey = { seq: (this.atmKey?.seq ?? 0) + 1, key };
    this.log.debug({ event: 'atm.key', key }, 'key beside the screen');
    if (this.inSession()) this.session.send({ type: 'ACTIVITY' });
    this.push();
  }

  /** Headphones into the ATM's jack: speech on (a session begins, as a touch would begin one, if the kiosk can serve); out: off. */
  private atmHeadset(plugged: boolean): void {
    if (plugged && !this.inSession() && deriveAppState(this.readiness, false).state === 'available') this.startIfIdle('headset');
    if (!this.inSession()) return;
    this.session.send({ type: 'SET_ACCESSIBILITY', change: { speech: plugged } });
  }

  /** A card went in: the session begins with it (or goes on, if the person touched the screen first), and the ATM journey with that. */
  private atmCardIn(read: BankCardRead): boolean {
    const journeys = this.journeys;
    if (!journeys || journeys.view() || deriveAppState(this.readiness, false).state !== 'available') return false;
    this.startIfIdle('card');
    const session = this.session.getSnapshot().context.session;
    if (!session) return false;
    journeys.startAtm({ id: session.id }, read);
    this.tally.journeyStarted();
    this.session.send({ type: 'ACTIVITY' });
    return true;
  }

  /** The receipt of the result on screen, built from the journey's own data (never the renderer's). */
  private currentReceipt(): { receipt: JourneyReceipt; reference: string } | null {
    const result = this.journeys?.result();
    if (!result?.reference) return null;
    const { kioskId, branding } = this.config;
    const receipt = journeyReceipt(result, { kioskId, at: new Date(this.clock.now()), portalName: branding.portalName, supportNumber: branding.supportNumber });
    return receipt && { receipt, reference: result.reference };
  }

  /** Which receipt the result on screen offers: built and checked once per result, not at every snapshot. */
  private receiptOffer(): { receipt?: ReceiptOffer } {
    const result = this.journeys?.result();
    const key = result?.reference ? `${result.step} ${result.reference}` : null;
    if (key !== this.offered?.key) {
      const current = key ? this.currentReceipt() : null;
      this.offered = key ? { key, offer: current && { kind: current.receipt.kind, reference: current.reference } } : undefined;
    }
    const offer = this.receipts.offer(this.offered?.offer ?? null);
    return offer ? { receipt: offer } : {};
  }

  /** Prints, or sends by SMS, the receipt of the result on screen: only the kind the screen offers, in the person's language. */
  private receiptAction(kind: JourneyReceiptKind, act: (current: { receipt: JourneyReceipt; reference: string }, language: 'ar' | 'en') => Result<void, PrintRefusal>): KioskSnapshot {
    this.journeyContext();
    const current = this.currentReceipt();
    if (!current || current.receipt.kind !== kind) throw new KioskError('not_allowed', `the screen shows no ${kind} receipt`);
    const started = act(current, this.session.getSnapshot().context.session?.language ?? 'ar');
    if (!started.ok) {
      throw started.error === 'unavailable' ? new KioskError('unavailable', 'this receipt cannot be given that way now') : new KioskError('not_allowed', 'this receipt was asked for already');
    }
    this.session.send({ type: 'ACTIVITY' });
    return this.snapshot();
  }

  /** The journey on screen, for the session's outcome; the ID only as the kiosk's keyed hash. */
  private noteJourney(): void {
    const where = this.journeys?.whereNow() ?? null;
    if (!where) return;
    const { idNumber, ...journey } = where;
    this.tally.journeySeen(journey, idNumber && this.telemetry ? this.telemetry.visitor(idNumber) : null);
  }

  private inSession(): boolean {
    return this.session.getSnapshot().context.session !== null;
  }

  /** The session's id, and the runner: journey procedures need both. */
  private journeyContext(): { sessionId: string; journeys: JourneyRunner } {
    const session = this.session.getSnapshot().context.session;
    if (!session) throw new KioskError('no_session', 'journeys run inside a session');
    if (!this.journeys) throw new KioskError('unavailable', 'this kiosk offers no journeys');
    return { sessionId: session.id, journeys: this.journeys };
  }

  private startIfIdle(trigger: 'touch' | 'card' | 'headset'): void {
    if (this.inSession()) return;
    const appState = deriveAppState(this.readiness, false);
    if (appState.state !== 'available') {
      throw new KioskError('unavailable', `the kiosk is ${appState.state === 'unavailable' ? `unavailable (${appState.reason})` : appState.state}`);
    }
    const id = this.newSessionId();
    this.session.send({ type: 'START', id, now: this.clock.now() });
    this.log.info({ event: 'session.started', sessionId: id, trigger }, 'session started');
  }

  private createApi(): KioskApi {
    return {
      getSnapshot: async () => this.snapshot(),
      startSession: async ({ trigger }) => {
        this.startIfIdle(trigger);
        return this.snapshot();
      },
      reportActivity: async () => {
        if (!this.inSession()) return { session: false };
        this.session.send({ type: 'ACTIVITY' });
        return { session: true };
      },
      extendSession: async () => {
        const state = this.session.getSnapshot();
        if (!this.inSession()) throw new KioskError('no_session', 'there is no session to extend');
        if (sessionPhase(state) !== 'warning') throw new KioskError('not_allowed', 'more time is offered only during the idle warning');
        if (!state.can({ type: 'EXTEND' })) throw new KioskError('not_allowed', 'no more extensions are allowed in this session');
        this.session.send({ type: 'EXTEND' });
        return this.snapshot();
      },
      endSession: async ({ reason }) => {
        if (!this.inSession()) throw new KioskError('no_session', 'there is no session to end');
        this.session.send({ type: 'END', reason });
        return this.snapshot();
      },
      setLanguage: async ({ language }) => {
        this.startIfIdle('touch');
        this.session.send({ type: 'SET_LANGUAGE', language });
        return this.snapshot();
      },
      setAccessibility: async ({ highContrast, largeText, speech, volume }) => {
        this.startIfIdle('touch');
        this.session.send({ type: 'SET_ACCESSIBILITY', change: { highContrast, largeText, speech, volume } });
        return this.snapshot();
      },
      startJourney: async ({ service }) => {
        if (this.config.mode === 'atm') throw new KioskError('not_allowed', 'at an ATM the journey begins when a bank card is inserted');
        const { sessionId, journeys } = this.journeyContext();
        const offered = deriveServices(this.readiness).find((s) => s.id === service);
        if (!offered?.available) throw new KioskError('unavailable', `${service} is not available now (${offered?.reason ?? 'unknown'})`);
        journeys.start(service, { id: sessionId });
        this.tally.journeyStarted();
        this.session.send({ type: 'ACTIVITY' });
        return this.snapshot();
      },
      journeyEvent: async (event) => {
        this.journeyContext().journeys.send(event);
        this.session.send({ type: 'ACTIVITY' });
        return this.snapshot();
      },
      cancelJourney: async () => {
        this.journeyContext().journeys.cancel();
        this.session.send({ type: 'ACTIVITY' });
        return this.snapshot();
      },
      printReceipt: async ({ receipt }) => this.receiptAction(receipt, (current, language) => this.receipts.print(current.receipt, current.reference, language)),
      sendReceiptSms: async ({ receipt }) => this.receiptAction(receipt, (current, language) => this.receipts.sendSms(current.receipt.kind, current.reference, language)),
      ...serviceProcedures(this.catalogue, this.services, {
        inSession: () => this.inSession(),
        availability: (id) => deriveServices(this.readiness).find((s) => s.id === id),
        activity: () => this.session.send({ type: 'ACTIVITY' }),
        snapshot: () => this.snapshot(),
      }),
      // Checked at every call: the profile is read from the live configuration.
      ...devDockProcedures(() => (this.config.profile === 'demo' ? this.devDock : undefined)),
    };
  }
}
