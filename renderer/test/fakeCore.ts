import { serveKioskApi } from '../../electron/contract/serve';
import { KioskError, createMemoryChannelPair, defaultSpeechVolume, refusedDevDockApi, refusedDiagnosticsApi, refusedMaintenanceApi, serviceCatalogue } from '../src/contract';
import type { AppState, JourneyEvent, JourneyService, JourneyView, KioskApi, KioskSnapshot, Language, MaintenanceView, ReceiptOffer, SessionEndReason, SessionSnapshot } from '../src/contract';
import { createFakeHost } from '../src/host/fakeHost';
import type { KioskHost } from '../src/host';

/**
 * A tiny stand-in for the core, served over an in-memory channel with the real
 * `serveKioskApi`, so every call the renderer makes is validated as in production.
 */
export class FakeCore {
  revision = 0;
  appState: AppState = { state: 'available' };
  session: SessionSnapshot | null = null;
  profile: KioskSnapshot['profile'] = 'demo';
  readonly calls: { procedure: keyof KioskApi; input: unknown }[] = [];
  /** Services offered as available (the rest are `notBuilt`); a journey service here can be started. */
  availableServices = new Set<string>();
  /** The journey on screen; specs set it (or script `journeyStep`) to draw any step. */
  journey: JourneyView | null = null;
  /** Maintenance as a spec draws it (absent from the snapshot while null); e.g. a test capture's progress. */
  maintenance: MaintenanceView | null = null;
  /** What a journey event does: by default nothing but being recorded. */
  journeyStep: (event: JourneyEvent, view: JourneyView) => JourneyView = (_event, view) => view;
  /** The receipt the result on screen offers; specs set it. */
  receipt: ReceiptOffer | null = null;
  /** What asking for the receipt does: by default it starts printing. */
  printStep: (offer: ReceiptOffer) => ReceiptOffer = (offer) => ({ kind: offer.kind, state: 'printing' });
  /** What asking for the receipt by SMS does: by default it starts sending. */
  smsStep: (offer: ReceiptOffer) => ReceiptOffer = (offer) => ({ ...offer, sms: { state: 'sending' } });
  private sessionCount = 0;
  private events: ReturnType<typeof serveKioskApi>['events'] | null = null;

  readonly api: KioskApi = {
    getSnapshot: async (input) => this.record('getSnapshot', input, () => this.snapshot()),
    startSession: async (input) => this.record('startSession', input, () => this.startIfIdle()),
    reportActivity: async (input) => this.record('reportActivity', input, () => ({ session: this.session !== null })),
    extendSession: async (input) =>
      this.record('extendSession', input, () => {
        if (!this.session) throw new KioskError('no_session', 'no session');
        this.changeSession({ phase: 'active', warningEndsAt: null, extensionsUsed: this.session.extensionsUsed + 1 });
        return this.snapshot();
      }),
    endSession: async (input) =>
      this.record('endSession', input, () => {
        if (!this.session) throw new KioskError('no_session', 'no session');
        this.end(input.reason);
        return this.snapshot();
      }),
    setLanguage: async (input) =>
      this.record('setLanguage', input, () => {
        this.startIfIdle();
        this.changeSession({ language: input.language });
        return this.snapshot();
      }),
    setAccessibility: async (input) =>
      this.record('setAccessibility', input, () => {
        this.startIfIdle();
        const change: Partial<SessionSnapshot> = {};
        if (input.highContrast !== undefined) change.highContrast = input.highContrast;
        if (input.largeText !== undefined) change.largeText = input.largeText;
        if (input.speech !== undefined) change.speech = input.speech;
        if (input.volume !== undefined) change.volume = input.volume;
        this.changeSession(change);
        return this.snapshot();
      }),
    // Journeys are the core's (electron/core/journeys); this fake draws whatever view a spec gives it.
    startJourney: async (input) =>
      this.record('startJourney', input, () => {
        if (!this.session) throw new KioskError('no_session', 'no session');
        if (!this.availableServices.has(input.service)) throw new KioskError('unavailable', `${input.service} is not available`);
        this.journey = fakeJourneyView(input.service);
        this.push();
        return this.snapshot();
      }),
    journeyEvent: async (input) =>
      this.record('journeyEvent', input, () => {
        const view = this.journey;
        if (!view) throw new KioskError('not_allowed', 'no journey is under way');
        if (!view.accepts.includes(input.type)) throw new KioskError('not_allowed', `${input.type} is not accepted at ${view.step}`);
        this.journey = this.journeyStep(input, view);
        this.push();
        return this.snapshot();
      }),
    cancelJourney: async (input) =>
      this.record('cancelJourney', input, () => {
        if (!this.journey) throw new KioskError('not_allowed', 'no journey is under way');
        this.journey = null;
        this.push();
        return this.snapshot();
      }),
    printReceipt: async (input) =>
      this.record('printReceipt', input, () => {
        if (!this.receipt || this.receipt.kind !== input.receipt) throw new KioskError('not_allowed', 'no such receipt on screen');
        this.receipt = this.printStep(this.receipt);
        this.push();
        return this.snapshot();
      }),
    sendReceiptSms: async (input) =>
      this.record('sendReceiptSms', input, () => {
        if (!this.receipt || this.receipt.kind !== input.receipt || (this.receipt.sms?.state !== 'offered' && this.receipt.sms?.state !== 'failed')) throw new KioskError('not_allowed', 'no receipt by SMS on screen');
        this.receipt = this.smsStep(this.receipt);
        this.push();
        return this.snapshot();
      }),
    // The catalogue's engine is the core's (electron/core/catalogue); this fake has no catalogue, as a kiosk before central's first one.
    getCatalogue: async (input) => this.record('getCatalogue', input, () => ({ version: null, groups: [], services: [] })),
    startService: async (input) =>
      this.record('startService', input, () => {
        throw new KioskError('unavailable', `${input.service} is not in this fake's catalogue`);
      }),
    serviceEvent: async (input) =>
      this.record('serviceEvent', input, () => {
        throw new KioskError('not_allowed', 'no inquiry or form is under way');
      }),
    closeService: async (input) =>
      this.record('closeService', input, () => {
        throw new KioskError('not_allowed', 'no inquiry or form is under way');
      }),
    // The dock's own specs serve a fake lab (renderer/src/devdock/testing); the kiosk's see a core without one.
    ...refusedDevDockApi(),
    ...refusedDiagnosticsApi(),
    ...refusedMaintenanceApi(),
  };

  snapshot(): KioskSnapshot {
    return {
      revision: this.revision,
      now: Date.now(),
      profile: this.profile,
      mode: 'government',
      appState: this.session && this.appState.state === 'available' ? { state: 'active' } : this.appState,
      session: this.session && { ...this.session },
      devices: { fingerprint: 'online', cardSlot: 'online', printer: 'online' },
      central: { reachable: true, lastContactAt: null, queueDepth: 0, deadLetters: 0 },
      services: serviceCatalogue.map((s) =>
        this.availableServices.has(s.id) ? { id: s.id, group: s.group, available: true } : { id: s.id, group: s.group, available: false, reason: 'notBuilt' as const },
      ),
      journey: this.session ? this.journey : null,
      ...(this.session && this.receipt ? { receipt: { ...this.receipt } } : {}),
      ...(this.maintenance ? { maintenance: structuredClone(this.maintenance) } : {}),
      branding: {
        portalName: { ar: 'بوابة الخدمات الإلكترونية', en: 'e-Services Portal' },
        supportNumber: '920020405',
        supportNumberAbroad: '00966114618666',
      },
      timing: { idleWarningAfterMs: 60_000, idleCountdownMs: 20_000, sessionCapMs: 600_000 },
    };
  }

  /** Draws this view as the journey's current step. */
  showJourney(view: Partial<JourneyView> & Pick<JourneyView, 'step'>): void {
    const service = view.step.split('.')[0] as JourneyService;
    this.journey = { ...fakeJourneyView(service), ...view };
    this.push();
  }

  /** Pushes the current state as a new revision. */
  push(): KioskSnapshot {
    this.revision += 1;
    const snapshot = this.snapshot();
    this.events?.snapshot(snapshot);
    return snapshot;
  }

  /** Delivers a snapshot as given, e.g. one that arrives late. */
  deliver(snapshot: KioskSnapshot): void {
    this.events?.snapshot(snapshot);
  }

  /** A technician asks for a fresh UI. */
  requestReload(): void {
    this.events?.reloadRequested();
  }

  /** The idle warning, ending `countdownMs` from now. */
  warn(countdownMs = 20_000): void {
    this.changeSession({ phase: 'warning', warningEndsAt: Date.now() + countdownMs });
  }

  /** What the core does when nobody answers the warning. */
  end(reason: SessionEndReason = 'timeout'): void {
    const ended = this.session;
    this.session = null;
    this.journey = null;
    if (ended) this.events?.sessionEnded({ sessionId: ended.id, reason });
    this.push();
  }

  setAppState(appState: AppState): void {
    this.appState = appState;
    this.push();
  }

  connect(channel: Parameters<typeof serveKioskApi>[1]): void {
    this.events = serveKioskApi(this.api, channel).events;
  }

  private startIfIdle(): KioskSnapshot {
    if (!this.session) {
      if (this.appState.state !== 'available') throw new KioskError('unavailable', 'the kiosk is unavailable');
      this.sessionCount += 1;
      this.session = {
        id: `session-${this.sessionCount}`,
        phase: 'active',
        startedAt: Date.now(),
        warningEndsAt: null,
        extensionsUsed: 0,
        extensionsAllowed: 10,
        language: 'ar' satisfies Language,
        highContrast: false,
        largeText: false,
        speech: false,
        volume: defaultSpeechVolume,
      };
      this.push();
    }
    return this.snapshot();
  }

  private changeSession(change: Partial<SessionSnapshot>): void {
    if (!this.session) return;
    this.session = { ...this.session, ...change };
    this.push();
  }

  private record<T>(procedure: keyof KioskApi, input: unknown, run: () => T): T {
    this.calls.push({ procedure, input });
    return run();
  }
}

/** A journey's first step as the core shows it (the ID step; sign-in starts at the credentials). */
export function fakeJourneyView(service: JourneyService): JourneyView {
  const first = service === 'signIn' ? { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS' as const] } : { step: `${service}.id`, accepts: ['SUBMIT_ID' as const, 'USE_CARD' as const] };
  return { service, data: {}, busy: false, error: null, canGoBack: false, finished: false, ...first };
}

/** A fake core and the renderer's host connected to it. */
export function createFakeKiosk(): { core: FakeCore; host: KioskHost } {
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const core = new FakeCore();
  core.connect(coreEnd);
  const host = createFakeHost(rendererEnd);
  return { core, host };
}
