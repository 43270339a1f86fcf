import type { Result } from '../../../common/result';
import type { Clock } from '../../../common/time';
import { technicianIdSchema } from '../../../common/wire/technicians';
import type { TelemetryFact } from '../../../common/wire/telemetry';
import { KioskError } from '../../contract';
import type { Language, MaintenanceAction, MaintenanceEntry, MaintenanceSignOutReason, MaintenanceView } from '../../contract';
import type { Logger } from '../log';
import { technicianActor } from '../telemetry/recorder';
import type { CentralError } from '../sync/centralError';
import { LockoutBook, PIN_FAILURES_BEFORE_LOCK } from './lockout';

/** RULES.md: a maintenance session ends after 15 minutes idle, 8 hours at most. */
export const MAINTENANCE_IDLE_MS = 15 * 60_000;
export const MAINTENANCE_CAP_MS = 8 * 60 * 60_000;
/** A PIN pad or lockout notice nobody touches gives the kiosk back to the public. */
export const PIN_PAD_IDLE_MS = 2 * 60_000;

/**
 * Central's answer to a PIN check. `wrong` may say how many tries central
 * still allows that technician number (it counts across every kiosk);
 * `locked` is central's lock of the number, for `lockedForMs` more: `counted`
 * when this attempt was checked, wrong, and started it, otherwise nothing was
 * checked.
 */
export type CentralPinCheck =
  | { outcome: 'verified'; name: string }
  | { outcome: 'wrong'; attemptsRemaining?: number }
  | { outcome: 'locked'; lockedForMs: number; counted: boolean }
  | { outcome: 'unreachable' };

/**
 * ATM mode: the technician's PIN as the ATM's EPP handed it out (ISO 9564
 * format 4 under the technician key, hex), never the digits. Only central
 * can check it; a typed PIN is refused while `pinOnEpp` is set.
 */
export interface EppPinBlock {
  readonly eppBlock: string;
}
/** What a technician proves themselves with: the PIN typed on the kiosk's pad, or an ATM EPP's block. */
export type TechnicianPin = string | EppPinBlock;

export interface MaintenanceDeskPorts {
  clock: Clock;
  log: Logger;
  /** Out of service (by central or a technician), for the overlay. */
  isOutOfService(): boolean;
  /** A customer is being served: maintenance waits for the session to end. */
  inCustomerSession(): boolean;
  /** The kiosk is the technician's (PIN pad on, signed in): the public sees it unavailable, reason maintenance. */
  setTakenOver(on: boolean): void;
  /** Central's PIN check; `unreachable` (network, timeout, 5xx) sends the check to the offline hashes. */
  checkWithCentral(technicianId: string, pin: TechnicianPin): Promise<CentralPinCheck>;
  /** The technicians central pushed in configuration, for the check while it is unreachable. */
  offlineCheck(technicianId: string, pin: TechnicianPin): Promise<{ outcome: 'verified'; name: string } | { outcome: 'wrong' } | { outcome: 'cannotCheck' }>;
  /**
   * Audit entry and outbox event in one transaction (TelemetryRecorder.recordAs), the entry naming `actor`:
   * the signed-in technician (technicianActor) for what they did, `kiosk` for PIN attempts (nobody is proven yet).
   */
  record(fact: TelemetryFact, actor: string): Promise<unknown>;
  /** What each technician action does; an error is the reason it failed, for the audit and the screen. */
  act(action: MaintenanceAction): Promise<Result<void, string>>;
  /** After an action that worked is recorded (a core restart happens only once its record is committed). */
  after?(action: MaintenanceAction): void;
  /** After signing out: the kiosk's state is looked at again (central, devices). */
  recheck(): void;
  onChange(): void;
  lockout?: LockoutBook;
  /** ATM mode: the PIN is typed on the EPP (its count of keys shown, `eppEntry`), never on the screen's pad. */
  pinOnEpp?: { eppEntry(): MaintenanceView['epp'] };
  timings?: { idleMs?: number; capMs?: number; padMs?: number };
}

type State =
  | { phase: 'off' }
  | { phase: 'waiting'; entry: MaintenanceEntry; technicianId: string | null }
  | { phase: 'pin' | 'checking'; entry: MaintenanceEntry; technicianId: string | null; pinError: MaintenanceView['pinError']; attemptsLeft: number | null }
  | { phase: 'locked'; entry: MaintenanceEntry; technicianId: string; lockedUntil: number }
  | { phase: 'on'; entry: MaintenanceEntry; signedIn: NonNullable<MaintenanceView['signedIn']>; lastActivity: number };

/**
 * Maintenance mode's state machine, on the core's clock: entry (card or
 * gesture) → PIN pad → checked by central, or offline against the pushed
 * hash → signed in → signed out (by the technician, idle or the cap). It
 * never breaks into a customer's session: an entry asked for during one
 * waits until it ends. Every PIN attempt and every action is recorded
 * (audit + outbox) through `record`.
 */
export class MaintenanceDesk {
  private state: State = { phase: 'off' };
  private language: Language = 'ar';
  private timer: unknown = null;
  private busyAction: MaintenanceAction | null = null;
  private lastAction: MaintenanceView['lastAction'] = null;
  private readonly lockout: LockoutBook;
  private readonly idleMs: number;
  private readonly capMs: number;
  private readonly padMs: number;

  constructor(private readonly ports: MaintenanceDeskPorts) {
    this.lockout = ports.lockout ?? new LockoutBook();
    this.idleMs = ports.timings?.idleMs ?? MAINTENANCE_IDLE_MS;
    this.capMs = ports.timings?.capMs ?? MAINTENANCE_CAP_MS;
    this.padMs = ports.timings?.padMs ?? PIN_PAD_IDLE_MS;
  }

  /** Nothing of maintenance is going on (the card slot may wait for a technician card). */
  get idle(): boolean {
    return this.state.phase === 'off';
  }

  /** What the overlay shows; null while off, and while an entry waits for a customer's session to end. */
  /** A technician has signed in with the right PIN (not merely the pad open, nor locked out): what the diagnostics require. */
  get signedIn(): boolean {
    return this.state.phase === 'on';
  }

  /** The signed-in technician's number (null unless signed in): the actor of what diagnostics do meanwhile. */
  get onDuty(): string | null {
    return this.state.phase === 'on' ? this.state.signedIn.technicianId : null;
  }

  view(): MaintenanceView | null {
    const s = this.state;
    if (s.phase === 'off' || s.phase === 'waiting') return null;
    return {
      phase: s.phase,
      entry: s.entry,
      language: this.language,
      technicianId: s.phase === 'on' ? s.signedIn.technicianId : s.technicianId,
      pinError: s.phase === 'pin' || s.phase === 'checking' ? s.pinError : null,
      attemptsLeft: s.phase === 'pin' || s.phase === 'checking' ? s.attemptsLeft : null,
      lockedUntil: s.phase === 'locked' ? s.lockedUntil : null,
      signedIn: s.phase === 'on' ? { ...s.signedIn, idleEndsAt: s.lastActivity + this.idleMs } : null,
      outOfService: this.ports.isOutOfService(),
      busyAction: this.busyAction,
      lastAction: this.lastAction,
      ...(this.ports.pinOnEpp ? { epp: s.phase === 'pin' ? this.ports.pinOnEpp.eppEntry() : null } : {}),
    };
  }

  /** A technician card was read (technicianId), or the gesture made (null): the PIN pad, now or when the customer has gone. */
  requestEntry(entry: MaintenanceEntry, technicianId: string | null): void {
    if (this.state.phase !== 'off' && this.state.phase !== 'waiting') throw new KioskError('not_allowed', 'maintenance is already under way');
    const id = technicianId === null ? null : normaliseTechnicianId(technicianId);
    if (technicianId !== null && id === null) throw new KioskError('invalid_argument', 'not a technician number');
    if (this.ports.inCustomerSession()) {
      this.ports.log.info({ event: 'maintenance.waiting', entry }, 'maintenance waits for the customer session to end');
      this.state = { phase: 'waiting', entry, technicianId: id };
      return;
    }
    this.openPad(entry, id);
  }

  /** The customer session ended: a waiting entry takes the kiosk over now. */
  customerSessionEnded(): void {
    if (this.state.phase !== 'waiting') return;
    const { entry, technicianId } = this.state;
    this.openPad(entry, technicianId);
  }

  async submitPin(pin: TechnicianPin, typedId: string | undefined): Promise<void> {
    const s = this.state;
    if (this.ports.pinOnEpp && typeof pin === 'string') throw new KioskError('not_allowed', 'at an ATM the PIN is typed on the PIN pad');
    if (s.phase !== 'pin') throw new KioskError('not_allowed', s.phase === 'checking' ? 'a PIN is being checked' : 'no PIN is asked for');
    const technicianId = s.technicianId ?? (typedId === undefined ? null : normaliseTechnicianId(typedId));
    if (technicianId === null) throw new KioskError('invalid_argument', 'the technician number is missing or not valid');
    const now = this.ports.clock.now();
    const { entry } = s;
    const locked = this.lockout.state(technicianId, now);
    if (locked.lockedUntil !== null) {
      await this.ports.record({ type: 'maintenance.pin', technicianId, entry, outcome: 'refusedWhileLocked', checkedBy: 'none', attemptsLeft: 0, lockedForMs: locked.lockedUntil - now }, 'kiosk');
      this.lock(entry, technicianId, locked.lockedUntil);
      return;
    }
    this.state = { ...s, phase: 'checking', technicianId };
    this.changed();
    const central = await this.ports.checkWithCentral(technicianId, pin);
    if (central.outcome === 'locked') {
      if (this.state.phase === 'checking') await this.lockedByCentral(entry, technicianId, central);
      return;
    }
    const checked = central.outcome === 'unreachable' ? { ...(await this.ports.offlineCheck(technicianId, pin)), by: 'offline' as const } : { ...central, by: 'central' as const };
    if (this.state.phase !== 'checking') return;
    if (checked.outcome === 'verified') {
      this.lockout.succeed(technicianId);
      await this.ports.record({ type: 'maintenance.pin', technicianId, entry, outcome: 'verified', checkedBy: checked.by, attemptsLeft: PIN_FAILURES_BEFORE_LOCK, lockedForMs: null }, 'kiosk');
      await this.signIn(entry, technicianId, checked.name, checked.by);
      return;
    }
    if (checked.outcome === 'cannotCheck') {
      // Neither central nor a pushed hash: nothing was checked, so nothing counts against the technician.
      await this.ports.record({ type: 'maintenance.pin', technicianId, entry, outcome: 'cannotCheck', checkedBy: 'none', attemptsLeft: locked.attemptsLeft, lockedForMs: null }, 'kiosk');
      this.backToPad(entry, technicianId, 'cannotCheck', locked.attemptsLeft);
      return;
    }
    const after = this.lockout.fail(technicianId, this.ports.clock.now());
    // Central counts this number's wrong PINs at every kiosk: it may allow fewer tries than this kiosk's own count.
    const attemptsLeft = Math.min(after.attemptsLeft, ('attemptsRemaining' in checked ? checked.attemptsRemaining : undefined) ?? after.attemptsLeft);
    await this.ports.record({
      type: 'maintenance.pin',
      technicianId,
      entry,
      outcome: after.lockedUntil !== null ? 'lockedOut' : 'wrong',
      checkedBy: checked.by,
      attemptsLeft: after.lockedUntil !== null ? 0 : attemptsLeft,
      lockedForMs: after.lockedForMs,
    }, 'kiosk');
    this.ports.log.warn({ event: 'maintenance.pinWrong', technicianId, checkedBy: checked.by, attemptsLeft, locked: after.lockedUntil !== null }, 'wrong technician PIN');
    if (after.lockedUntil !== null) this.lock(entry, technicianId, after.lockedUntil);
    else this.backToPad(entry, technicianId, 'wrong', attemptsLeft);
  }

  /**
   * Central has locked this technician number (wrong PINs at any kiosk): the
   * lockout screen, until central's time or this kiosk's own lock if that
   * ends later. A PIN central checked and found wrong counts here too.
   */
  private async lockedByCentral(entry: MaintenanceEntry, technicianId: string, central: { lockedForMs: number; counted: boolean }): Promise<void> {
    const now = this.ports.clock.now();
    const local = central.counted ? this.lockout.fail(technicianId, now) : this.lockout.state(technicianId, now);
    const lockedUntil = Math.max(now + central.lockedForMs, local.lockedUntil ?? 0);
    await this.ports.record({
      type: 'maintenance.pin',
      technicianId,
      entry,
      outcome: central.counted ? 'lockedOut' : 'refusedWhileLocked',
      checkedBy: 'central',
      attemptsLeft: 0,
      lockedForMs: lockedUntil - now,
    }, 'kiosk');
    this.ports.log.warn({ event: 'maintenance.pinLockedByCentral', technicianId, counted: central.counted, lockedForMs: lockedUntil - now }, 'technician locked out by central');
    this.lock(entry, technicianId, lockedUntil);
  }

  /** Leaves the PIN pad or the lockout notice: the kiosk is the public's again. */
  cancel(): void {
    if (this.state.phase === 'on') throw new KioskError('not_allowed', 'signed in: sign out instead');
    if (this.state.phase === 'checking') throw new KioskError('not_allowed', 'a PIN is being checked');
    if (this.state.phase === 'off') return;
    this.close();
  }

  /** A touch in the overlay (or on the pad): the idle time starts again. */
  activity(): void {
    const s = this.state;
    if (s.phase === 'on') {
      s.lastActivity = this.ports.clock.now();
      this.armOnTimer();
    } else if (s.phase === 'pin' || s.phase === 'locked') {
      this.arm(this.padMs, () => this.close());
    }
    this.changed();
  }

  setLanguage(language: Language): void {
    if (this.state.phase === 'off' || this.state.phase === 'waiting') throw new KioskError('not_allowed', 'maintenance is not on');
    this.language = language;
    this.activity();
  }

  async act(action: MaintenanceAction): Promise<void> {
    const s = this.state;
    if (s.phase !== 'on') throw new KioskError('not_allowed', 'sign in first');
    if (this.busyAction) throw new KioskError('not_allowed', `${this.busyAction} is still running`);
    this.activity();
    this.busyAction = action;
    this.changed();
    let outcome: Result<void, string>;
    try {
      outcome = await this.ports.act(action);
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    this.busyAction = null;
    this.lastAction = { action, result: outcome.ok ? 'done' : 'failed', at: this.ports.clock.now() };
    await this.ports.record({ type: 'maintenance.action', technicianId: s.signedIn.technicianId, action, result: outcome.ok ? 'done' : 'failed', detail: outcome.ok ? null : outcome.error.slice(0, 200) }, technicianActor(s.signedIn.technicianId));
    this.ports.log.info({ event: 'maintenance.action', action, result: this.lastAction.result }, 'technician action');
    this.changed();
    if (outcome.ok) this.ports.after?.(action);
  }

  /** Signs the technician out; the kiosk goes back to what it was, looked at again. */
  async leave(reason: MaintenanceSignOutReason = 'left'): Promise<void> {
    const s = this.state;
    if (s.phase !== 'on') throw new KioskError('not_allowed', 'nobody is signed in');
    this.close();
    this.ports.log.info({ event: 'maintenance.signedOut', reason }, 'technician signed out');
    await this.ports.record({ type: 'maintenance.action', technicianId: s.signedIn.technicianId, action: 'signedOut', result: 'done', detail: reason }, technicianActor(s.signedIn.technicianId));
    this.ports.recheck();
  }

  stop(): void {
    this.ports.clock.clearTimeout(this.timer);
  }

  private openPad(entry: MaintenanceEntry, technicianId: string | null): void {
    const now = this.ports.clock.now();
    const locked = technicianId === null ? null : this.lockout.state(technicianId, now);
    this.ports.setTakenOver(true);
    this.ports.log.info({ event: 'maintenance.pinPad', entry }, 'technician PIN asked for');
    if (technicianId !== null && locked?.lockedUntil != null) {
      void this.ports.record({ type: 'maintenance.pin', technicianId, entry, outcome: 'refusedWhileLocked', checkedBy: 'none', attemptsLeft: 0, lockedForMs: locked.lockedUntil - now }, 'kiosk');
      this.lock(entry, technicianId, locked.lockedUntil);
      return;
    }
    this.backToPad(entry, technicianId, null, locked?.attemptsLeft ?? null);
  }

  private backToPad(entry: MaintenanceEntry, technicianId: string | null, pinError: MaintenanceView['pinError'], attemptsLeft: number | null): void {
    this.state = { phase: 'pin', entry, technicianId, pinError, attemptsLeft };
    this.arm(this.padMs, () => this.close());
    this.changed();
  }

  private lock(entry: MaintenanceEntry, technicianId: string, lockedUntil: number): void {
    this.state = { phase: 'locked', entry, technicianId, lockedUntil };
    this.arm(this.padMs, () => this.close());
    this.changed();
  }

  private async signIn(entry: MaintenanceEntry, technicianId: string, name: string, checkedBy: 'central' | 'offline'): Promise<void> {
    const now = this.ports.clock.now();
    this.state = { phase: 'on', entry, lastActivity: now, signedIn: { technicianId, name, checkedBy, since: now, idleEndsAt: now + this.idleMs, capEndsAt: now + this.capMs } };
    this.lastAction = null;
    this.armOnTimer();
    this.ports.log.info({ event: 'maintenance.signedIn', technicianId, checkedBy }, 'technician signed in');
    this.changed();
    await this.ports.record({ type: 'maintenance.action', technicianId, action: 'signedIn', result: 'done', detail: checkedBy }, technicianActor(technicianId));
  }

  /** One timer in `on`: whichever comes first, the idle end or the cap. */
  private armOnTimer(): void {
    const s = this.state;
    if (s.phase !== 'on') return;
    const idleEnd = s.lastActivity + this.idleMs;
    const reason: MaintenanceSignOutReason = s.signedIn.capEndsAt <= idleEnd ? 'cap' : 'idle';
    const at = Math.min(idleEnd, s.signedIn.capEndsAt);
    this.arm(at - this.ports.clock.now(), () => void this.leave(reason).catch(() => undefined));
  }

  private arm(ms: number, fire: () => void): void {
    this.ports.clock.clearTimeout(this.timer);
    this.timer = this.ports.clock.setTimeout(() => {
      this.timer = null;
      fire();
    }, Math.max(0, ms));
  }

  private close(): void {
    this.ports.clock.clearTimeout(this.timer);
    this.timer = null;
    this.state = { phase: 'off' };
    this.busyAction = null;
    this.language = 'ar';
    this.ports.setTakenOver(false);
    this.changed();
  }

  private changed(): void {
    this.ports.onChange();
  }
}

/** The number on a technician card is zero-padded to 9 digits; central knows it without the zeros. */
export function normaliseTechnicianId(raw: string): string | null {
  if (!/^[0-9]{1,9}$/.test(raw)) return null;
  const id = raw.replace(/^0+/, '');
  return technicianIdSchema.safeParse(id).success ? id : null;
}

/**
 * Central's refusal of a PIN check as the desk reads it: a wrong PIN (with
 * central's tries left), central's lock of the number (its time; counted
 * when `attemptsRemaining` is 0: this attempt started it), and anything else
 * (network, 5xx, rate limit, a garbled answer) as unreachable, which sends
 * the check to the offline hashes under this kiosk's own lockout.
 */
export function centralPinRefusal(error: CentralError): CentralPinCheck {
  if (error.type !== 'problem') return { outcome: 'unreachable' };
  const { code, problem } = error;
  if (code === 'technician_pin_wrong') return problem.attemptsRemaining === undefined ? { outcome: 'wrong' } : { outcome: 'wrong', attemptsRemaining: problem.attemptsRemaining };
  if (code === 'technician_locked') {
    const seconds = Math.max(1, problem.lockedForSeconds ?? problem.retryAfterSeconds ?? 1);
    return { outcome: 'locked', lockedForMs: seconds * 1000, counted: problem.attemptsRemaining === 0 };
  }
  return { outcome: 'unreachable' };
}
