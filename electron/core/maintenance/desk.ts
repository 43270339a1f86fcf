import type { Result } from '../../../common/result';
import { technicianIdSchema } from '../../../common/wire/technicians';
import { KioskError } from '../../contract';
import type { Language, MaintenanceAction, MaintenanceCardBack, MaintenanceEntry, MaintenanceOfflineRefusal, MaintenanceSignOutReason, MaintenanceView } from '../../contract';
import { technicianActor } from '../telemetry/recorder';
import { LockoutBook } from './lockout';
import { TechnicianPinCheck } from './pinCheck';
import type { PinCheckPorts, TechnicianPin } from './pinCheck';

/** RULES.md: a maintenance session ends after 15 minutes idle, 8 hours at most. */
export const MAINTENANCE_IDLE_MS = 15 * 60_000;
export const MAINTENANCE_CAP_MS = 8 * 60 * 60_000;
/** A PIN pad or lockout notice nobody touches gives the kiosk back to the public. */
export const PIN_PAD_IDLE_MS = 2 * 60_000;

/** The PIN check's ports (pinCheck.ts: clock, log, central's and the offline check, the record) and the desk's own. */
export interface MaintenanceDeskPorts extends PinCheckPorts {
  /** Out of service (by central or a technician), for the overlay. */
  isOutOfService(): boolean;
  /** A customer is being served: maintenance waits for the session to end. */
  inCustomerSession(): boolean;
  /** The kiosk is the technician's (PIN pad on, signed in): the public sees it unavailable, reason maintenance. */
  setTakenOver(on: boolean): void;
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
  | { phase: 'pin' | 'checking'; entry: MaintenanceEntry; technicianId: string | null; pinError: MaintenanceView['pinError']; attemptsLeft: number | null; retryAt?: number; offlineRefusal?: MaintenanceOfflineRefusal }
  | { phase: 'locked'; entry: MaintenanceEntry; technicianId: string; lockedUntil: number }
  | { phase: 'on'; entry: MaintenanceEntry; signedIn: NonNullable<MaintenanceView['signedIn']>; lastActivity: number };

/**
 * Maintenance mode's state machine, on the core's clock: entry (card or
 * gesture) → PIN pad → checked by central, or offline against the pushed
 * verifier of PIN and card → signed in → signed out (by the technician, idle or the cap). It
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
  private cardAtExit: MaintenanceCardBack | null = null;
  private readonly lockout: LockoutBook;
  private readonly pins: TechnicianPinCheck;
  private readonly idleMs: number;
  private readonly capMs: number;
  private readonly padMs: number;

  constructor(private readonly ports: MaintenanceDeskPorts) {
    this.lockout = ports.lockout ?? new LockoutBook();
    this.pins = new TechnicianPinCheck(ports, this.lockout);
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

  /** The technician's card at the slot's exit, to be taken ("take your card"): set by the card watch, kept past the visit's end. */
  get cardBack(): MaintenanceCardBack | null {
    return this.cardAtExit;
  }

  setCardBack(card: MaintenanceCardBack | null): void {
    this.cardAtExit = card;
    this.changed();
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
      retryAt: (s.phase === 'pin' || s.phase === 'checking') && s.retryAt !== undefined ? s.retryAt : null,
      signedIn: s.phase === 'on' ? { ...s.signedIn, idleEndsAt: s.lastActivity + this.idleMs } : null,
      outOfService: this.ports.isOutOfService(),
      busyAction: this.busyAction,
      lastAction: this.lastAction,
      ...(this.ports.pinOnEpp ? { epp: s.phase === 'pin' ? this.ports.pinOnEpp.eppEntry() : null } : {}),
      // Technician card secret: why the offline check could not be made.
      offlineRefusal: (s.phase === 'pin' || s.phase === 'checking') && s.pinError === 'cannotCheck' ? (s.offlineRefusal ?? null) : null,
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
    const { entry } = s;
    this.state = { ...s, phase: 'checking', technicianId };
    this.changed();
    // The check (pinCheck.ts) records the attempt; nobody waits for it once the pad has closed meanwhile.
    const verdict = await this.pins.check(entry, technicianId, pin, { ...(s.retryAt === undefined ? {} : { retryAt: s.retryAt }), stillWanted: () => this.state.phase === 'checking' });
    if (!verdict || this.state.phase !== 'checking') return;
    switch (verdict.outcome) {
      case 'verified':
        return this.signIn(entry, technicianId, verdict.name, verdict.by);
      case 'locked':
        return this.lock(entry, technicianId, verdict.lockedUntil);
      case 'throttled':
        return this.backToPad(entry, technicianId, 'tooManyAttempts', verdict.attemptsLeft, verdict.retryAt);
      case 'cannotCheck':
        return this.backToPad(entry, technicianId, 'cannotCheck', verdict.attemptsLeft, undefined, verdict.why);
      case 'wrong':
        return this.backToPad(entry, technicianId, 'wrong', verdict.attemptsLeft);
    }
  }

  /** The PIN check the devices CLI's store commands go through: the pad's own, with its lockout and its record. */
  get pinCheck(): TechnicianPinCheck {
    return this.pins;
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

  private backToPad(entry: MaintenanceEntry, technicianId: string | null, pinError: MaintenanceView['pinError'], attemptsLeft: number | null, retryAt?: number, offlineRefusal?: MaintenanceOfflineRefusal): void {
    this.state = { phase: 'pin', entry, technicianId, pinError, attemptsLeft, ...(retryAt === undefined ? {} : { retryAt }), ...(offlineRefusal === undefined ? {} : { offlineRefusal }) };
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
