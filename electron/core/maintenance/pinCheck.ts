import type { Clock } from '../../../common/time';
import type { TelemetryFact } from '../../../common/wire/telemetry';
import type { Logger } from '../log';
import type { CentralPinCheck } from './centralPin';
import { type LockoutBook, PIN_FAILURES_BEFORE_LOCK } from './lockout';
import type { OfflineRefusal, OfflineVerdict } from './offlinePin';

/** Where the PIN was typed: the overlay's pad (after a card or the gesture), or the devices CLI on a technician's laptop. */
type PinEntry = 'card' | 'gesture' | 'cli';

/** What one PIN attempt came to (already recorded: audit entry + outbox event). */
export type PinVerdict =
  | { outcome: 'verified'; name: string; by: 'central' | 'offline' }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'locked'; lockedUntil: number }
  | { outcome: 'throttled'; retryAt: number; attemptsLeft: number }
  | { outcome: 'cannotCheck'; attemptsLeft: number; why?: OfflineRefusal };

/**
 * ATM mode: the technician's PIN as the ATM's EPP handed it out (ISO 9564
 * format 4 under the technician key, hex), never the digits. Only central
 * can check it; a typed PIN is refused at an ATM.
 */
export interface EppPinBlock {
  readonly eppBlock: string;
}
/** What a technician proves themselves with: the PIN typed on the kiosk's pad (or the CLI), or an ATM EPP's block. */
export type TechnicianPin = string | EppPinBlock;

export interface PinCheckPorts {
  clock: Clock;
  log: Logger;
  /** Central's PIN check (centralPin.ts); only `unreachable` sends the check to the offline verifiers. */
  checkWithCentral(technicianId: string, pin: TechnicianPin): Promise<CentralPinCheck>;
  /** The technicians central pushed in configuration, for the check while it is unreachable. */
  offlineCheck(technicianId: string, pin: TechnicianPin): Promise<OfflineVerdict>;
  /** Audit entry and outbox event in one transaction; PIN attempts are the kiosk's (nobody is proven yet). */
  record(fact: TelemetryFact, actor: string): Promise<unknown>;
}

/**
 * One technician PIN check, the same wherever the PIN was typed (the
 * overlay's pad, the devices CLI): this kiosk's lockout first (RULES.md:
 * counted per card and per kiosk, one book for both), then central, and only
 * when central cannot be reached the offline verifiers. Central's lock (423)
 * and its rate limit (429) are answers, never a reason to check offline.
 * Every attempt is recorded; the PIN itself never is, nor logged.
 */
export class TechnicianPinCheck {
  constructor(
    private readonly ports: PinCheckPorts,
    private readonly lockout: LockoutBook,
  ) {}

  /**
   * Checks `pin` for `technicianId`. `retryAt`: central asked to wait until
   * then (an earlier 429): refused unchecked before it. Null when
   * `stillWanted` says, once the answers are in, that nobody waits for this
   * one any more (the pad was closed meanwhile): nothing is counted or
   * recorded then.
   */
  async check(entry: PinEntry, technicianId: string, pin: TechnicianPin, options: { retryAt?: number; stillWanted?: () => boolean } = {}): Promise<PinVerdict | null> {
    const stillWanted = options.stillWanted ?? (() => true);
    const now = this.ports.clock.now();
    const locked = this.lockout.state(technicianId, now);
    if (locked.lockedUntil !== null) {
      await this.recordPin(entry, technicianId, 'refusedWhileLocked', 'none', 0, locked.lockedUntil - now);
      return { outcome: 'locked', lockedUntil: locked.lockedUntil };
    }
    if (options.retryAt !== undefined && now < options.retryAt) return this.throttled(entry, technicianId, options.retryAt - now, locked.attemptsLeft);
    const central = await this.ports.checkWithCentral(technicianId, pin);
    if (central.outcome === 'throttled') return stillWanted() ? this.throttled(entry, technicianId, central.retryAfterMs, locked.attemptsLeft) : null;
    if (central.outcome === 'locked') return stillWanted() ? this.lockedByCentral(entry, technicianId, central) : null;
    const checked = central.outcome === 'unreachable' ? { ...(await this.ports.offlineCheck(technicianId, pin)), by: 'offline' as const } : { ...central, by: 'central' as const };
    if (!stillWanted()) return null;
    if (checked.outcome === 'verified') {
      this.lockout.succeed(technicianId);
      await this.recordPin(entry, technicianId, 'verified', checked.by, PIN_FAILURES_BEFORE_LOCK, null);
      return { outcome: 'verified', name: checked.name, by: checked.by };
    }
    if (checked.outcome === 'cannotCheck') {
      // Neither central nor a pushed verifier: nothing was checked, so nothing counts against the technician.
      await this.recordPin(entry, technicianId, 'cannotCheck', 'none', locked.attemptsLeft, null);
      if (checked.why) this.ports.log.warn({ event: 'maintenance.pinNotCheckedOffline', entry, technicianId, why: checked.why }, 'technician PIN not checked: central unreachable');
      return { outcome: 'cannotCheck', attemptsLeft: locked.attemptsLeft, ...(checked.why ? { why: checked.why } : {}) };
    }
    const after = this.lockout.fail(technicianId, this.ports.clock.now());
    // Central counts this number's wrong PINs at every kiosk: it may allow fewer tries than this kiosk's own count.
    const attemptsLeft = Math.min(after.attemptsLeft, ('attemptsRemaining' in checked ? checked.attemptsRemaining : undefined) ?? after.attemptsLeft);
    const lockedOut = after.lockedUntil !== null;
    await this.recordPin(entry, technicianId, lockedOut ? 'lockedOut' : 'wrong', checked.by, lockedOut ? 0 : attemptsLeft, after.lockedForMs);
    this.ports.log.warn({ event: 'maintenance.pinWrong', entry, technicianId, checkedBy: checked.by, attemptsLeft, locked: lockedOut }, 'wrong technician PIN');
    return after.lockedUntil !== null ? { outcome: 'locked', lockedUntil: after.lockedUntil } : { outcome: 'wrong', attemptsLeft };
  }

  /**
   * Central has locked this technician number (wrong PINs at any kiosk):
   * locked until central's time or this kiosk's own lock if that ends later.
   * A PIN central checked and found wrong counts here too.
   */
  private async lockedByCentral(entry: PinEntry, technicianId: string, central: { lockedForMs: number; counted: boolean }): Promise<PinVerdict> {
    const now = this.ports.clock.now();
    const local = central.counted ? this.lockout.fail(technicianId, now) : this.lockout.state(technicianId, now);
    const lockedUntil = Math.max(now + central.lockedForMs, local.lockedUntil ?? 0);
    await this.recordPin(entry, technicianId, central.counted ? 'lockedOut' : 'refusedWhileLocked', 'central', 0, lockedUntil - now);
    this.ports.log.warn({ event: 'maintenance.pinLockedByCentral', entry, technicianId, counted: central.counted, lockedForMs: lockedUntil - now }, 'technician locked out by central');
    return { outcome: 'locked', lockedUntil };
  }

  /** Too many checks at central now (its 429): recorded, not counted as a wrong PIN, never checked offline. */
  private async throttled(entry: PinEntry, technicianId: string, retryAfterMs: number, attemptsLeft: number): Promise<PinVerdict> {
    await this.recordPin(entry, technicianId, 'throttled', 'none', attemptsLeft, retryAfterMs);
    this.ports.log.warn({ event: 'maintenance.pinThrottled', entry, technicianId, retryAfterMs }, 'technician PIN not checked: central asks to wait');
    return { outcome: 'throttled', retryAt: this.ports.clock.now() + retryAfterMs, attemptsLeft };
  }

  private recordPin(
    entry: PinEntry,
    technicianId: string,
    outcome: Extract<TelemetryFact, { type: 'maintenance.pin' }>['outcome'],
    checkedBy: 'central' | 'offline' | 'none',
    attemptsLeft: number,
    lockedForMs: number | null,
  ): Promise<unknown> {
    return this.ports.record({ type: 'maintenance.pin', technicianId, entry, outcome, checkedBy, attemptsLeft, lockedForMs }, 'kiosk');
  }
}
