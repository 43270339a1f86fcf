import type { Result } from '../../../common/result';
import { DEFAULT_RULES } from '../../../common/rules';
import type { RulesConfig } from '../../../common/rules';
import type { JourneyEvent, JourneyService } from '../../contract/journeys';
import type { AtmDeviceError } from '../../../drivers/xfs4iot/atm';
import type { FingerprintDeviceError, PersonGuidance, SignedCapturePackage } from '../devices';
import type { CitizenCallError, CitizenRoute } from '../sync';
import { initialContext } from './context';
import type { JourneyContext, JourneyInput } from './context';

/**
 * What a journey machine holds and hears: its context (the journey's memory
 * plus the rules and hand-over), its events, and what its actors (central,
 * card slot, reader) hand back.
 */

/** A renderer's event (validated by the contract's schema before it reaches the core). */
export type UserEvent = JourneyEvent;
export type InternalEvent =
  | { type: 'capture.guidance'; guidance: PersonGuidance }
  | { type: 'capture.captured'; capture: SignedCapturePackage }
  | { type: 'capture.failed'; failure: FingerprintDeviceError['type'] }
  | { type: 'journey.wipe' }
  | { type: 'journey.resume' }
  // Signed in: an edit journey on top of this one changed the password (the runner tells the sign-in journey as it comes back).
  | { type: 'journey.passwordChanged' }
  // ATM: the card that started the session is in the reader (sent by the runner as the journey starts).
  | { type: 'card.inserted' }
  // ATM: the EPP's PIN entry, as key presses without digits.
  | { type: 'pin.progress'; digits: number }
  | { type: 'pin.entered' }
  | { type: 'pin.cancelled' }
  | { type: 'pin.failed'; failure: AtmDeviceError['type'] };
export type MachineEvent = UserEvent | InternalEvent;

/**
 * A central answer, with the core clock at arrival. Central's times come as
 * durations from its answer (`expiresInSeconds`, `lockedForSeconds`, …), so
 * an instant on the core clock is `clock.core + seconds * 1000`: the kiosk's
 * wall clock (which may be minutes or hours off central's) never enters.
 */
export interface CentralOutcome {
  route: CitizenRoute;
  result: Result<unknown, CitizenCallError>;
  clock: { core: number };
}

export type CardReadError = 'card_timeout' | 'card_not_identity' | 'card_unreadable' | 'card_reader_unavailable';
export type CardRead = { ok: true; idNumber: string } | { ok: false; code: CardReadError };
export type CardReturn = 'taken' | 'retained' | 'failed';

/** ATM: the receipt asked for, as the machine notes it. */
export type ReceiptOutcome = 'printed' | 'failed' | 'unavailable';

export interface CaptureInput {
  idNumber: string;
  sessionId: string;
}

export interface MachineInput extends JourneyInput {
  rules?: RulesConfig;
}

export interface JourneyMachineContext extends JourneyContext {
  rules: RulesConfig;
  /** Set just before a hand-over to another journey; the runner reads it from the output. */
  next: JourneyService | null;
  /** The SMS code was voided or expired: only a new one helps. */
  codeVoid: boolean;
  /**
   * The kiosk's transaction id of the last call to central (its
   * Idempotency-Key): on a result screen, the transaction the result belongs
   * to, which its receipt names (noted as the result is entered, so a way
   * on's own call does not change it). Not the person's; kept past `dropSecrets`,
   * wiped with everything else.
   */
  reference: string | null;
}

export interface Handoff {
  service: JourneyService;
  idNumber?: string;
  cardUsed: boolean;
}

export function machineContext(input: MachineInput): JourneyMachineContext {
  return { ...initialContext(input), rules: input.rules ?? DEFAULT_RULES, next: null, codeVoid: false, reference: null };
}

/** The hand-over a finished journey asks for (read by the runner from the machine's output). */
function handoffOf(context: JourneyMachineContext): Handoff | null {
  if (!context.next) return null;
  return { service: context.next, cardUsed: context.cardUsed, ...(context.secret.idNumber ? { idNumber: context.secret.idNumber } : {}) };
}

/**
 * How every journey machine begins: its context from the input, its hand-off
 * to the session as output, and at session end everything of the person
 * dropped (`wipe`) before the actor is let go. Spread into each machine.
 */
export const journeyOpening = {
  context: ({ input }: { input: MachineInput }) => machineContext(input),
  output: ({ context }: { context: JourneyMachineContext }) => handoffOf(context),
  on: { 'journey.wipe': { target: '.wiped', actions: 'wipe' as const } },
};
