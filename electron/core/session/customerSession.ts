import { createActor } from 'xstate';
import type { Clock } from '../../../common/time';
import { KioskError } from '../../contract';
import type { AppState, Language, SessionEndReason } from '../../contract';
import type { Logger } from '../log';
import { sessionMachine, sessionPhase } from './machine';
import type { AccessibilityChange, SessionData, SessionTiming } from './machine';

type SessionTrigger = 'touch' | 'card' | 'headset';

interface CustomerSessionOptions {
  readonly timing: SessionTiming;
  /** The session's timers and its times; tests pass a simulated one. */
  readonly clock: Clock;
  readonly log: Logger;
  readonly newSessionId: () => string;
  /** The kiosk-wide state with nobody in session: a session begins only while it is `available`. */
  readonly appState: () => AppState;
  /** A session ended, for any reason (timeout and cap included). */
  readonly onEnded: (sessionId: string, reason: SessionEndReason) => void;
  /** The session began, moved on or ended. */
  readonly onChange: (session: SessionData | null) => void;
}

/**
 * The person at the kiosk: the session machine, how a session begins (a
 * touch, a card, headphones) and ends, the idle wait and its extensions.
 */
export class CustomerSession {
  readonly #options: CustomerSessionOptions;
  readonly #actor;

  constructor(options: CustomerSessionOptions) {
    this.#options = options;
    this.#actor = createActor(sessionMachine, {
      input: { timing: options.timing, now: () => options.clock.now() },
      clock: options.clock,
    });
    this.#actor.on('ended', ({ sessionId, reason }) => {
      options.log.info({ event: 'session.ended', sessionId, reason }, 'session ended');
      options.onEnded(sessionId, reason);
    });
    this.#actor.subscribe((state) => options.onChange(state.context.session));
  }

  /** Starts the machine (after whoever listens to `onChange` is ready for it). */
  start(): void {
    this.#actor.start();
  }

  stop(): void {
    this.#actor.stop();
  }

  /** The person's session; null on the attract screen. */
  get current(): SessionData | null {
    return this.#actor.getSnapshot().context.session;
  }

  get active(): boolean {
    return this.current !== null;
  }

  phase(): 'idle' | 'active' | 'warning' {
    return sessionPhase(this.#actor.getSnapshot());
  }

  language(): Language | null {
    return this.current?.language ?? null;
  }

  /** Begins a session unless one runs; refused (`unavailable`) while the kiosk cannot serve. */
  startIfIdle(trigger: SessionTrigger): void {
    if (this.active) return;
    const appState = this.#options.appState();
    if (appState.state !== 'available') {
      throw new KioskError('unavailable', `the kiosk is ${appState.state === 'unavailable' ? `unavailable (${appState.reason})` : appState.state}`);
    }
    const id = this.#options.newSessionId();
    this.#actor.send({ type: 'START', id, now: this.#options.clock.now() });
    this.#options.log.info({ event: 'session.started', sessionId: id, trigger }, 'session started');
  }

  /** The person is there: the idle wait starts again. False when no session runs. */
  activity(): boolean {
    if (!this.active) return false;
    this.#actor.send({ type: 'ACTIVITY' });
    return true;
  }

  /** "More time": only during the idle warning, and within the extensions allowed. */
  extend(): void {
    if (!this.active) throw new KioskError('no_session', 'there is no session to extend');
    const state = this.#actor.getSnapshot();
    if (sessionPhase(state) !== 'warning') throw new KioskError('not_allowed', 'more time is offered only during the idle warning');
    if (!state.can({ type: 'EXTEND' })) throw new KioskError('not_allowed', 'no more extensions are allowed in this session');
    this.#actor.send({ type: 'EXTEND' });
  }

  /** Ends the session if one runs. */
  end(reason: 'cancel' | 'completed' | 'referToStaff'): void {
    if (this.active) this.#actor.send({ type: 'END', reason });
  }

  setLanguage(language: Language): void {
    this.#actor.send({ type: 'SET_LANGUAGE', language });
  }

  setAccessibility(change: AccessibilityChange): void {
    this.#actor.send({ type: 'SET_ACCESSIBILITY', change });
  }

  /** New timings from central: a running countdown keeps its length. */
  configure(timing: SessionTiming): void {
    this.#actor.send({ type: 'CONFIGURE', timing });
  }
}
