import type { Result } from '../../common/result';
import type { AuraColour, AuraControl, DeviceRefusal, InstructionName, PacketSize } from './instructions';

/** The fingerprint driver's vocabulary: what it is asked, what it answers and how it fails. */

/** A template (char file) is 512 bytes on every module of this family. */
export const TEMPLATE_LENGTH = 512;

export type CharBuffer = 1 | 2;

export type FingerprintError =
  | DeviceRefusal
  | { readonly type: 'timeout'; readonly instruction: InstructionName }
  | { readonly type: 'disconnected' }
  | { readonly type: 'aborted' }
  /** The reply arrived damaged or did not have the shape the instruction promises. */
  | {
      readonly type: 'garbled';
      readonly instruction: InstructionName;
      readonly detail: 'badChecksum' | 'badLength' | 'unknownPacketId' | 'shortReply' | 'wrongDataLength';
    }
  | { readonly type: 'invalidArgument'; readonly message: string }
  /**
   * A capture began with a finger already on the glass and the glass was never
   * seen clear before its time ran out: nothing was captured, and it is no attempt.
   */
  | { readonly type: 'glassNotClear' };

export type FingerprintResult<T> = Result<T, FingerprintError>;

/**
 * What the kiosk screen should tell the person at the reader. `liftFinger`: a
 * finger was on the glass when the capture began; it will not be taken, lift
 * it (`waiting` follows once the glass is clear).
 */
export type CaptureGuidance = 'liftFinger' | 'waiting' | 'noFinger' | 'imageCaptured' | 'poorQuality' | 'liftAndPlaceAgain';

export interface FingerprintTimeouts {
  /** A command with a short reply. */
  commandMs: number;
  /** Added to twice the line time of a data transfer. */
  transferMarginMs: number;
  /** After a failed exchange, the line must be quiet this long before the next command. */
  resyncQuietMs: number;
  /** Between GenImg polls while no finger is on the glass. */
  fingerPollMs: number;
}

export const DEFAULT_TIMEOUTS: FingerprintTimeouts = {
  commandMs: 1000,
  transferMarginMs: 1000,
  resyncQuietMs: 30,
  fingerPollMs: 40,
};

export interface FingerprintReaderOptions {
  address?: number;
  password?: number;
  /** The line speed; only used to size transfer timeouts. */
  baudRate?: number;
  /** Until ReadSysPara says otherwise; DownChar must send packets of exactly this size. */
  packetSize?: PacketSize;
  timeouts?: Partial<FingerprintTimeouts>;
}

export interface CommandOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CaptureOptions {
  signal?: AbortSignal;
  /** How long to wait for a usable finger, in all. */
  timeoutMs?: number;
  onGuidance?: (guidance: CaptureGuidance) => void;
  /** Char buffer the template is built in. */
  buffer?: CharBuffer;
  /** Images rejected as messy before the capture gives up. */
  maxPoorImages?: number;
}

export interface CapturedTemplate {
  readonly template: Uint8Array;
  /**
   * 0..100: 100 when the first image converted cleanly, 25 less for each
   * image the module rejected. The module reports no quality of its own.
   */
  readonly quality: number;
  readonly attempts: number;
}

export interface SystemParameters {
  readonly statusRegister: number;
  readonly systemId: number;
  readonly libraryCapacity: number;
  readonly securityLevel: number;
  readonly address: number;
  readonly packetSize: PacketSize;
  readonly baudRate: number;
}

export type SystemParameterChange =
  | { readonly parameter: 'baudRate'; readonly value: number }
  | { readonly parameter: 'securityLevel'; readonly value: 1 | 2 | 3 | 4 | 5 }
  | { readonly parameter: 'packetSize'; readonly value: PacketSize };

export type MatchOutcome = { readonly matched: true; readonly score: number } | { readonly matched: false; readonly score: number };
export type SearchOutcome = { readonly found: true; readonly page: number; readonly score: number } | { readonly found: false };

export interface LedSetting {
  control: AuraControl;
  colour: AuraColour;
  /** 0..255; lower is faster for breathing and flashing. */
  speed?: number;
  /** Flashes or breaths; 0 = for ever. */
  count?: number;
}

/** LED cues a kiosk uses: ready for a finger, accepted, rejected. */
export type LedCue = 'waiting' | 'ok' | 'fail';
export const LED_CUES: Record<LedCue, LedSetting> = {
  waiting: { control: 'breathing', colour: 'blue', speed: 100, count: 0 },
  ok: { control: 'on', colour: 'purple' },
  fail: { control: 'flashing', colour: 'red', speed: 40, count: 3 },
};
