import { assign, createActor, fromCallback, fromPromise } from 'xstate';
import type { Actor, InspectionEvent } from 'xstate';
import type { RulesConfig } from '../../../common/rules';
import type { Clock } from '../../../common/time';
import { KioskError } from '../../contract/errors';
import { journeyServices } from '../../contract/journeys';
import type { AnyJourneyService, JourneyEvent, JourneyService, JourneyView, JourneyViewData } from '../../contract/journeys';
import type { BankCardRead } from '../atm/ports';
import type { Language } from '../../contract/session';
import type { Logger } from '../log';
import type { AnyCitizenCall } from '../sync';
import { atmActors } from './atmActors';
import type { JourneyInput } from './context';
import { journeyMachines } from './machines';
import type { JourneyMachine } from './machines';
import { defaultJourneyTimings } from './ports';
import type { JourneyPorts, JourneyTimings } from './ports';
import type { CaptureInput, CardRead, CardReturn, CentralOutcome, Handoff, MachineEvent } from './machineTypes';
import { statePath, journeyView } from './view';
import { withAncestors } from './stateList';

/** A journey's result as its receipt needs it (JourneyRunner.result). */
export interface JourneyResult {
  /** `<service>.<state path>`, as the view's step. */
  readonly step: string;
  readonly shown: JourneyViewData;
  /** The last transaction id sent to central: the one that completed the journey. */
  readonly reference: string | null;
}

export interface JourneyRunnerOptions {
  ports: JourneyPorts;
  /** The core's clock: delays (code expiry, capture backstop) run on it, and the view's times are on it. */
  clock: Clock;
  log: Logger;
  timings?: Partial<JourneyTimings>;
  rules?: RulesConfig;
  /**
   * The customer session's language now (null outside a session). Every
   * citizen call carries it, read at the moment of the call, so a person who
   * switches language mid-journey gets the next SMS in the new one.
   */
  sessionLanguage(): Language | null;
  /** Asks KioskCore to end the session: a third failed fingerprint match refers the person to staff. */
  endSession(reason: 'referToStaff'): void;
  /** Every state a journey passes through, transient ones included (the coverage spec listens). */
  onStateVisited?(step: string): void;
  /** The person did something the renderer does not see (a key on the ATM's EPP): the idle clock starts again. */
  onActivity?(): void;
}

type JourneyActor = Actor<JourneyMachine>;

/**
 * Runs one journey at a time inside a customer session: starts it, passes
 * the renderer's events on (refusing those the current step does not take),
 * follows hand-overs (register → activate, locked sign-in → recovery), and
 * when the session ends drops everything of the person.
 */
export class JourneyRunner {
  readonly services: readonly JourneyService[] = journeyServices;
  private readonly options: JourneyRunnerOptions;
  private readonly timings: JourneyTimings;
  private readonly listeners = new Set<() => void>();
  private actor: JourneyActor | null = null;
  private service: AnyJourneyService | null = null;
  private sessionId: string | null = null;
  private lastStep = '';
  private referralRequested = false;

  constructor(options: JourneyRunnerOptions) {
    this.options = options;
    this.timings = { ...defaultJourneyTimings, ...options.timings };
  }

  /** Begins a journey. Refused while another is under way (cancel it first) or outside a session. */
  start(service: JourneyService, session: { id: string }): void {
    this.begin({ service, sessionId: session.id });
  }

  /** ATM mode: a bank card went in and the session began with it; the ATM journey takes it from there. */
  startAtm(session: { id: string }, bankCard: BankCardRead): void {
    const pinLength = this.options.ports.atm?.settings.pinLength;
    this.begin({ service: 'atm', sessionId: session.id, bankCard, ...(pinLength ? { pinLength: { ...pinLength } } : {}) });
  }

  /**
   * A renderer's event, already checked against the contract's schema by the
   * RPC layer (journeysContract.test.ts). One the current step does not take
   * is refused and changes nothing.
   */
  send(event: JourneyEvent): void {
    const actor = this.actor;
    if (!actor) throw new KioskError('not_allowed', 'no journey is under way');
    const snapshot = actor.getSnapshot();
    if (snapshot.status !== 'active' || !snapshot.can(event)) {
      throw new KioskError('not_allowed', `${event.type} is not accepted at ${this.lastStep}`);
    }
    actor.send(event);
  }

  /**
   * The person left the journey (back to the services); the session goes on.
   * A journey holding something of the person's that must go back first (the
   * ATM's card) takes CANCEL as its own step instead, and refuses to be left
   * where it cannot (while the bank or central is being asked).
   */
  cancel(): void {
    const actor = this.actor;
    if (!actor) throw new KioskError('not_allowed', 'no journey is under way');
    const snapshot = actor.getSnapshot();
    if (snapshot.status === 'active' && snapshot.can({ type: 'CANCEL' })) {
      this.options.log.info({ event: 'journey.cancelled', service: this.service, step: this.lastStep }, 'journey cancelled: the card goes back');
      actor.send({ type: 'CANCEL' });
      return;
    }
    if (this.service === 'atm' && !this.isFinished()) throw new KioskError('not_allowed', `the card is in the ATM: cancel is not possible at ${this.lastStep}`);
    this.options.log.info({ event: 'journey.cancelled', service: this.service, step: this.lastStep }, 'journey cancelled');
    this.drop();
    this.notify();
  }

  /** Session over (any reason): every value of the person is dropped, running device work is aborted. */
  endSession(): void {
    if (!this.actor) return;
    this.signOutQuietly();
    this.drop();
    this.sessionId = null;
    this.notify();
  }

  view(): JourneyView<AnyJourneyService> | null {
    if (!this.actor || !this.service) return null;
    return journeyView(this.service, this.actor.getSnapshot());
  }

  /**
   * The result on screen, for its receipt: where the journey ended, what that
   * screen shows (masked values only) and the transaction it belongs to.
   * Null while a journey is under way (or none is).
   */
  result(): JourneyResult | null {
    const actor = this.actor;
    if (!actor || !this.service || !this.isFinished()) return null;
    const snapshot = actor.getSnapshot();
    if (snapshot.status !== 'active') return null;
    return { step: `${this.service}.${statePath(snapshot.value)}`, shown: snapshot.context.shown, reference: snapshot.context.reference };
  }

  /**
   * Where the journey stands, for the session's telemetry: cheaper than a
   * view (no probing of which events each step takes). `idNumber` is only
   * for the kiosk's keyed hash of it (never sent, never logged).
   */
  whereNow(): { service: AnyJourneyService; step: string; finished: boolean; errorCode: string | null; idNumber: string | null } | null {
    if (!this.actor || !this.service) return null;
    const snapshot = this.actor.getSnapshot();
    return {
      service: this.service,
      step: `${this.service}.${statePath(snapshot.value)}`,
      finished: this.isFinished(),
      errorCode: snapshot.context.error?.code ?? null,
      idNumber: snapshot.context.secret.idNumber,
    };
  }

  /**
   * Signed in (the sign-in journey on its signed-in step): the citizen
   * session's token, for the catalogue's inquiries and forms; null otherwise.
   */
  citizenToken(): string | null {
    const snapshot = this.actor?.getSnapshot();
    if (this.service !== 'signIn' || !snapshot || snapshot.status !== 'active' || statePath(snapshot.value) !== 'signedIn') return null;
    return snapshot.context.secret.sessionToken;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Specs only: the running actor, to look at its context after the session ended. */
  currentActor(): JourneyActor | null {
    return this.actor;
  }

  private begin(input: JourneyInput): void {
    if (this.actor && !this.isFinished()) throw new KioskError('not_allowed', `the ${this.service ?? ''} journey is under way; cancel it first`);
    this.drop();
    this.sessionId = input.sessionId;
    this.launch(input);
  }

  private isFinished(): boolean {
    const snapshot = this.actor?.getSnapshot();
    return !snapshot || snapshot.status !== 'active' || snapshot.hasTag('finished');
  }

  private launch(input: JourneyInput): void {
    const { clock } = this.options;
    const { ports } = this.options;
    const machine = journeyMachines[input.service].provide({
      actors: this.actors(input.service),
      actions: {
        freshKey: assign(({ context }) => ({ secret: { ...context.secret, pendingKey: ports.newTransactionId() } })),
      },
      delays: {
        codeExpiry: ({ context }) => Math.max(0, (context.shown.code?.expiresAt ?? 0) - clock.now()),
        captureBackstop: this.timings.captureBackstopMs,
      },
    });
    const actor = createActor(machine, {
      input: { ...input, ...(this.options.rules ? { rules: this.options.rules } : {}) },
      clock: { setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (id) => clock.clearTimeout(id) },
      ...(this.options.onStateVisited ? { inspect: (event: InspectionEvent) => this.inspect(input.service, event) } : {}),
    }) as unknown as JourneyActor;
    this.actor = actor;
    this.service = input.service;
    this.referralRequested = false;
    this.lastStep = '';
    actor.subscribe({ next: () => this.changed(actor), error: (error) => this.failed(actor, error) });
    actor.start();
    if (input.idNumber) actor.send({ type: 'journey.resume' });
    if (input.bankCard) actor.send({ type: 'card.inserted' });
    this.changed(actor);
  }

  private changed(actor: JourneyActor): void {
    if (actor !== this.actor || !this.service) return;
    const snapshot = actor.getSnapshot();
    const step = `${this.service}.${statePath(snapshot.value)}`;
    if (step !== this.lastStep) {
      this.lastStep = step;
      this.options.log.info({ event: 'journey.step', service: this.service, step, error: snapshot.context.error?.code }, 'journey step');
    }
    if (snapshot.status === 'done') {
      const next = snapshot.output as Handoff | null | undefined;
      if (next && this.sessionId) {
        // Hand-over (register → activate): the next journey starts with what this one knew, then this one is let go.
        this.options.log.info({ event: 'journey.handoff', from: this.service, to: next.service }, 'journey hands over');
        this.launch({ service: next.service, sessionId: this.sessionId, cardUsed: next.cardUsed, ...(next.idNumber ? { idNumber: next.idNumber } : {}) });
        actor.stop();
        return;
      }
    }
    if (snapshot.hasTag('endsSession') && !this.referralRequested) {
      this.referralRequested = true;
      this.options.log.warn({ event: 'journey.referToStaff', service: this.service }, 'fingerprint attempts exhausted: session ends, person referred to staff');
      // Not from inside the actor's own notification: KioskCore ends the session, which comes back here.
      queueMicrotask(() => this.options.endSession('referToStaff'));
    }
    this.notify();
  }

  private failed(actor: JourneyActor, error: unknown): void {
    if (actor !== this.actor) return;
    this.options.log.error({ event: 'journey.failed', service: this.service, step: this.lastStep, err: error }, 'journey machine failed');
    this.drop();
    this.notify();
  }

  private drop(): void {
    const actor = this.actor;
    this.actor = null;
    this.service = null;
    this.lastStep = '';
    if (!actor) return;
    if (actor.getSnapshot().status === 'active') actor.send({ type: 'journey.wipe' });
    actor.stop();
  }

  /** A signed-in person who walks away is signed out at central too (best effort: the session expires anyway). */
  private signOutQuietly(): void {
    const token = this.actor?.getSnapshot().context.secret.sessionToken;
    if (!token) return;
    const { ports, log } = this.options;
    void ports
      .callCitizen({ route: 'signOut', idempotencyKey: ports.newTransactionId(), sessionToken: token, ...this.language() })
      .then((r) => log.info({ event: 'journey.signedOutAtEnd', ok: r.ok }, 'citizen session closed at session end'))
      .catch(() => undefined);
  }

  /** The session's language for a citizen call, if there is one to tell. */
  private language(): { language?: Language } {
    const language = this.options.sessionLanguage();
    return language ? { language } : {};
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private inspect(service: AnyJourneyService, event: InspectionEvent): void {
    if (event.type !== '@xstate.microstep' && event.type !== '@xstate.snapshot') return;
    const snapshot = event.snapshot as { value?: unknown };
    if (snapshot.value === undefined || typeof snapshot.value === 'number') return;
    for (const step of withAncestors(`${service}.${statePath(snapshot.value)}`)) this.options.onStateVisited?.(step);
  }

  private actors(service: AnyJourneyService) {
    const { ports, clock } = this.options;
    const timings = this.timings;
    const atm = atmActors(ports.atm, { activity: () => this.options.onActivity?.(), language: () => this.options.sessionLanguage() ?? 'ar' });
    return {
      ...atm,
      callCentral: fromPromise<CentralOutcome, AnyCitizenCall>(async ({ input }) => {
        const result = await ports.callCitizen({ ...input, ...this.language() });
        return { route: input.route, result, clock: { core: clock.now() } };
      }),
      readCard: fromPromise<CardRead, void>(async ({ signal }) => {
        const takeTimeout = timings.cardTakeMs === undefined ? {} : { takeTimeoutMs: timings.cardTakeMs };
        const arrived = await ports.cardSlot.waitForCard({ signal, timeoutMs: timings.cardWaitMs, ...takeTimeout });
        if (!arrived.ok) return { ok: false, code: arrived.error.type === 'timeout' ? 'card_timeout' : 'card_reader_unavailable' };
        const identity = await ports.cardSlot.readIdentity({ signal });
        if (identity.ok && (identity.value.kind === 'nationalId' || identity.value.kind === 'iqama')) return { ok: true, idNumber: identity.value.idNumber };
        // Not an ID card (or not readable): hand it back so the person can insert the right one.
        await ports.cardSlot.returnCard({ signal, ...(timings.cardTakeMs === undefined ? {} : { takeTimeoutMs: timings.cardTakeMs }) });
        if (!identity.ok) return { ok: false, code: identity.error.type === 'cardError' ? 'card_unreadable' : 'card_reader_unavailable' };
        return { ok: false, code: identity.value.kind === 'unreadable' ? 'card_unreadable' : 'card_not_identity' };
      }),
      captureFinger: fromCallback<MachineEvent, CaptureInput>(({ input, sendBack }) => {
        const controller = new AbortController();
        void (async () => {
          const captured = await ports.fingerprint.capture({
            signal: controller.signal,
            timeoutMs: timings.captureMs,
            onGuidance: (guidance) => sendBack({ type: 'capture.guidance', guidance }),
          });
          if (!captured.ok) {
            sendBack({ type: 'capture.failed', failure: captured.error.type });
            return;
          }
          const signed = await ports.signCapture(captured.value, { idNumber: input.idNumber, sessionId: input.sessionId }).catch(() => null);
          if (!signed) sendBack({ type: 'capture.failed', failure: 'deviceError' });
          else sendBack({ type: 'capture.captured', capture: signed });
        })();
        return () => controller.abort();
      }),
      // At an ATM the card that goes back is the bank card, through the ATM's reader.
      returnCard:
        service === 'atm'
          ? atm.returnCard
          : fromPromise<CardReturn, void>(async ({ signal }) => {
              const returned = await ports.cardSlot.returnCard({ signal, ...(timings.cardTakeMs === undefined ? {} : { takeTimeoutMs: timings.cardTakeMs }) });
              return returned.ok ? returned.value.outcome : 'failed';
            }),
    };
  }
}
