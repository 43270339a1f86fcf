import { createNanoEvents } from 'nanoevents';
import { assign, createActor } from 'xstate';
import type { Actor, InspectionEvent } from 'xstate';
import type { RulesConfig } from '../../../common/rules';
import type { Clock } from '../../../common/time';
import { KioskError } from '../../contract/errors';
import { journeyServices, signedInJourneys } from '../../contract/journeys';
import type { AnyJourneyService, JourneyEvent, JourneyService, JourneyView, JourneyViewData, SignedInJourney } from '../../contract/journeys';
import type { BankCardRead } from '../atm/ports';
import type { Language } from '../../contract/session';
import type { Logger } from '../log';
import type { JourneyInput } from './context';
import { journeyActors } from './journeyActors';
import { journeyMachines } from './machines';
import type { JourneyMachine } from './machines';
import { defaultJourneyTimings } from './ports';
import type { JourneyPorts, JourneyTimings } from './ports';
import type { Handoff } from './machineTypes';
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
  private readonly events = createNanoEvents<{ change: () => void }>();
  private actor: JourneyActor | null = null;
  private service: AnyJourneyService | null = null;
  private sessionId: string | null = null;
  private lastStep = '';
  private referralRequested = false;
  /** Signed in: the sign-in journey (its session) waits here while an edit journey runs on top of it. */
  private home: JourneyActor | null = null;
  /** Chosen from the menu before signing in: the edit that starts once the person is signed in. */
  private afterSignIn: SignedInJourney | null = null;

  constructor(options: JourneyRunnerOptions) {
    this.options = options;
    this.timings = { ...defaultJourneyTimings, ...options.timings };
  }

  /**
   * Begins a journey. Refused while another is under way (cancel it first) or
   * outside a session. An edit of user information runs on top of the
   * signed-in home (its session lent, the home kept); chosen before signing
   * in, it starts with sign-in and follows it.
   */
  start(service: JourneyService, session: { id: string }): void {
    const edit = signedInJourneys.find((s) => s === service);
    if (edit) {
      this.startSignedIn(edit, session.id);
      return;
    }
    this.afterSignIn = null;
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
    const changedPassword = this.lastStep.startsWith('changePassword.changed');
    this.afterSignIn = null;
    this.drop();
    // Left an edit (done or not): back to the signed-in home.
    if (this.home) this.backHome(changedPassword);
    this.notify();
  }

  /** Session over (any reason): every value of the person is dropped, running device work is aborted. */
  endSession(): void {
    this.afterSignIn = null;
    if (!this.actor) return;
    this.signOutQuietly();
    this.drop();
    this.dropHome();
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
  whereNow(): { service: AnyJourneyService; step: string; finished: boolean; endsSession: boolean; errorCode: string | null; idNumber: string | null } | null {
    if (!this.actor || !this.service) return null;
    const snapshot = this.actor.getSnapshot();
    return {
      service: this.service,
      step: `${this.service}.${statePath(snapshot.value)}`,
      finished: this.isFinished(),
      endsSession: snapshot.hasTag('endsSession'),
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
    return this.events.on('change', listener);
  }

  /** Specs only: the running actor, to look at its context after the session ended. */
  currentActor(): JourneyActor | null {
    return this.actor;
  }

  private begin(input: JourneyInput): void {
    if (this.actor && !this.isFinished()) throw new KioskError('not_allowed', `the ${this.service ?? ''} journey is under way; cancel it first`);
    this.drop();
    this.dropHome();
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
    if (this.afterSignIn && this.service === 'signIn' && step === 'signIn.signedIn') {
      const edit = this.afterSignIn;
      this.afterSignIn = null;
      // Not from inside the actor's own notification.
      queueMicrotask(() => {
        if (this.actor !== actor || !this.sessionId) return;
        if ((snapshot.context.shown.services ?? []).includes(edit)) this.startSignedIn(edit, this.sessionId);
        this.notify();
      });
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
    if (this.home) this.backHome(false);
    this.notify();
  }

  /** An edit on top of the signed-in home (which must offer it); before sign-in, sign-in first. */
  private startSignedIn(service: SignedInJourney, sessionId: string): void {
    if (this.home) {
      if (!this.isFinished()) throw new KioskError('not_allowed', `the ${this.service ?? ''} journey is under way; cancel it first`);
      this.drop();
      this.backHome(false);
    }
    const home = this.actor && this.service === 'signIn' ? this.actor.getSnapshot() : null;
    const token = home?.status === 'active' && statePath(home.value) === 'signedIn' ? home.context.secret.sessionToken : null;
    if (!home || !token) {
      this.begin({ service: 'signIn', sessionId });
      this.afterSignIn = service;
      return;
    }
    if (!(home.context.shown.services ?? []).includes(service)) throw new KioskError('not_allowed', `${service} is not open to this account now`);
    this.home = this.actor;
    this.actor = null;
    this.sessionId = sessionId;
    this.launch({ service, sessionId, sessionToken: token });
  }

  /** The edit is over: the signed-in home is the journey again (told if the password changed: a temporary one is no more). */
  private backHome(changedPassword: boolean): void {
    const home = this.home;
    this.home = null;
    if (!home) return;
    this.actor = home;
    this.service = 'signIn';
    this.lastStep = '';
    if (changedPassword) home.send({ type: 'journey.passwordChanged' });
    this.changed(home);
  }

  /** Session over: the waiting signed-in home goes too, with everything of the person. */
  private dropHome(): void {
    const home = this.home;
    this.home = null;
    if (!home) return;
    if (home.getSnapshot().status === 'active') home.send({ type: 'journey.wipe' });
    home.stop();
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
    this.events.emit('change');
  }

  private inspect(service: AnyJourneyService, event: InspectionEvent): void {
    if (event.type !== '@xstate.microstep' && event.type !== '@xstate.snapshot') return;
    const snapshot = event.snapshot as { value?: unknown };
    if (snapshot.value === undefined || typeof snapshot.value === 'number') return;
    for (const step of withAncestors(`${service}.${statePath(snapshot.value)}`)) this.options.onStateVisited?.(step);
  }

  private actors(service: AnyJourneyService) {
    const { ports, clock } = this.options;
    return journeyActors(service, {
      ports,
      clock,
      timings: this.timings,
      activity: () => this.options.onActivity?.(),
      language: () => this.options.sessionLanguage(),
    });
  }
}
