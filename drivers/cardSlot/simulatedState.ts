import type { VirtualCard } from '../cardData/virtualCard';
import { encodeReaderType } from './replyData';
import type { PositiveOptions, Reply } from './simulatedReplies';
import type { CardSlotFaults } from './simulatorFaults';
import {
  DEFAULT_INITIALIZE_SETTINGS,
  type CardEntryMode,
  type CardPosition,
  type CommandText,
  type EntryMode,
  type IccProtocol,
  type InitializeSettings,
  type OutputMode,
  type SankyoErrorCode,
  type TrackNumber,
} from './text';

/** Everything the simulated reader remembers, shared by its command groups. */

export type SlotState = 'noCard' | 'atGate' | 'inside' | 'captured';

export interface CardSlotCounters {
  readonly inserted: number;
  readonly retained: number;
  readonly ejected: number;
  /** Track reads answered with a read error (20..28 other than 24: a blank track is not an error of the reader). */
  readonly readErrors: number;
}

export interface ReaderMechanics {
  /** An ejected card left at the gate this long is pulled back and captured. */
  readonly takeTimeoutMs: number;
  /** Time a motion (carry, retrieve, IC contact) takes. */
  readonly motionMs: number;
  /** Cards the rear bin holds; a capture into a full bin is refused as retract counter overflow (error 50). */
  readonly binCapacity: number;
  /** How long back entry (C 2 2) runs the motor for a card from the rear (the manual: 10 s). */
  readonly rearEntryWaitMs: number;
}

export type ChipState = { readonly powered: false } | { readonly powered: true; readonly volts: 3 | 5; readonly protocol: IccProtocol };

export type Slot =
  | { readonly at: 'empty' }
  | { readonly at: 'gate'; readonly card: VirtualCard }
  | { readonly at: 'inside'; readonly card: VirtualCard; readonly contacts: boolean; readonly chip: ChipState };

/** Track text between the sentinels, as read into the reader's buffer; `null` where the track is blank. */
export type TrackBuffer = { readonly [T in TrackNumber]: string | null };

export interface ReaderState {
  area: 'user' | 'supervisor';
  initialized: boolean;
  settings: InitializeSettings;
  entry: EntryMode;
  /** A card-entry command (C 2 x) is waiting for a card. */
  entryWait: Exclude<CardEntryMode, 'fromRear'> | undefined;
  slot: Slot;
  lastCaptured: boolean;
  bin: VirtualCard[];
  /** Reported once, on the next status request (error 46 or 40 after an automatic capture). */
  latchedError: SankyoErrorCode | undefined;
  retract: { counting: boolean; value: number };
  /** What the last carry-in read off the stripe; C 6 6 clears it. */
  trackBuffer: TrackBuffer | undefined;
  writeBuffer: { [T in TrackNumber]?: string };
  formats: { [T in TrackNumber]: boolean };
  maintenance: boolean;
  outputs: [OutputMode, OutputMode, OutputMode, OutputMode];
  inputs: [boolean, boolean, boolean, boolean];
  samSelected: 1 | 2 | 3 | 4 | 5;
  samActive: boolean;
  i2c: { volts: 3 | 5; addressBytes: 1 | 2 } | undefined;
  /** A long T=1 exchange in progress: C-APDU parts received, R-APDU parts still to send. */
  iccChain: { sending: Uint8Array[]; pending: Uint8Array } | undefined;
  /** Card passes through the mechanism (life check past one million). */
  passes: number;
  captureBox: boolean;
  /** 1 for clean photo sensors; dirt and age bring it down. */
  sensorHealth: number;
  /** The health the sensor standard was last set at (C > 3). */
  sensorStandard: number;
  readerType: Uint8Array;
  counters: { inserted: number; retained: number; ejected: number; readErrors: number };
}

/** Three read/write tracks, an IC unit, low-coercivity writing: the ICT3Q8-3A0260's fit. */
const SIMULATED_READER_TYPE = encodeReaderType({ tracks: { 1: 'readWrite', 2: 'readWrite', 3: 'readWrite' }, ic: 'present', hiCoWrite: false });

export function freshState(): ReaderState {
  return {
    area: 'user',
    initialized: false,
    settings: DEFAULT_INITIALIZE_SETTINGS,
    entry: 'disabled',
    entryWait: undefined,
    slot: { at: 'empty' },
    lastCaptured: false,
    bin: [],
    latchedError: undefined,
    retract: { counting: false, value: 0 },
    trackBuffer: undefined,
    writeBuffer: {},
    formats: { 1: true, 2: true, 3: true },
    maintenance: false,
    outputs: ['off', 'off', 'off', 'off'],
    inputs: [false, false, false, false],
    samSelected: 1,
    samActive: false,
    i2c: undefined,
    iccChain: undefined,
    passes: 0,
    captureBox: true,
    sensorHealth: 1,
    sensorStandard: 1,
    readerType: SIMULATED_READER_TYPE,
    counters: { inserted: 0, retained: 0, ejected: 0, readErrors: 0 },
  };
}

export type InsertCardError =
  | { readonly type: 'unplugged' }
  | { readonly type: 'entryDisabled' }
  | { readonly type: 'slotOccupied' }
  /** Entry allows magnetic cards only and this one has no stripe: it comes straight back. */
  | { readonly type: 'rejectedNoStripe' };

export type TakeCardError = { readonly type: 'noCardAtGate' };

export type PersonEvent = 'inserted' | 'taken' | 'captured';

/** What the command groups may use of the reader. */
export interface ReaderCore {
  readonly state: ReaderState;
  readonly mechanics: ReaderMechanics;
  readonly faults: CardSlotFaults;
  position(): CardPosition;
  positive(command: CommandText, options?: PositiveOptions): Reply;
  refuse(command: CommandText, code: SankyoErrorCode, delayMs?: number, data?: Uint8Array): Reply;
  toGate(card: VirtualCard): void;
  toBin(card: VirtualCard): void;
  /** Resolves with the first of `events`, or `timeout` after `ms`, or `aborted`. */
  waitFor(events: readonly PersonEvent[], ms: number, signal: AbortSignal): Promise<PersonEvent | 'timeout' | 'aborted'>;
}

/** The commands a file of the simulated reader serves, each by its command code (`cm`). */
export type ServedCommands = Readonly<Partial<Record<string, (reader: ReaderCore, command: CommandText) => Reply>>>;
