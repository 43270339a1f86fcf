import { err, ok, type Result } from '../../common/result';
import { sleep } from '../../common/time';
import type { ByteTransport } from '../transport/types';
import { LinkedDriver } from '../transport/linkedDriver';
import { type CardSlotTimings, DEFAULT_CARD_SLOT_TIMINGS, type ExchangeError, FrameExchange } from './exchange';
import {
  decodeContactStatus,
  decodeReaderSensors,
  decodeReaderType,
  decodeTrackPresence,
  decodeWriteResults,
  type ContactStatus,
  type DataError,
  type ReaderSensors,
  type ReaderType,
  type TrackPresence,
  type WriteResults,
} from './replyData';
import {
  commands,
  DEFAULT_INITIALIZE_SETTINGS,
  type CardEntryMode,
  type CardPosition,
  type CommandText,
  type EntryMode,
  type IccActivation,
  type IccProtocol,
  type InitializeMode,
  type InitializeSettings,
  type ReaderError,
  type Reply,
  type TrackNumber,
} from './text';

export { type CardSlotTimings, type ExchangeError } from './exchange';

/**
 * Host side of the Sankyo ICT3Q8/ICT3K5 link (DEVICES.md §2): the card
 * operations of the reader's command table (MCT3Q8-3A0264 §9), over the frame
 * exchange (exchange.ts, one lock: commands never interleave on the line).
 * Expected failures come back as `CardSlotError` values. The service commands
 * (counter, revision, sensor levels, ports, SAM, I2C) are driverService.ts.
 */

export type CardSlotError =
  | ExchangeError
  /** The reader refused or failed the command (negative reply); `error.reason` says why. */
  | { readonly type: 'reader'; readonly command: string; readonly error: ReaderError; readonly data?: Uint8Array }
  /** The operation needs the card somewhere else. */
  | { readonly type: 'wrongPosition'; readonly position: CardPosition }
  /** An ejected card stayed at the gate; `retained` when the reader has already captured it. */
  | { readonly type: 'cardNotTaken'; readonly retained: boolean };

type TrackReadError =
  /** Error 24: no stripe, or nothing on this track. */
  | { readonly type: 'noData' }
  /** A 2x read error; a single-pass read gives what it read before the error. */
  | { readonly type: 'readError'; readonly error: ReaderError; readonly partial?: string }
  | { readonly type: 'notText' };

type TrackReads = { readonly [T in TrackNumber]?: Result<string, TrackReadError> };

export interface SignalOption {
  readonly signal?: AbortSignal;
}

interface RequestOptions extends SignalOption {
  readonly timeoutMs?: number;
}

interface InitializeOptions extends SignalOption {
  /** Operating conditions sent with Initialize; DEFAULT_INITIALIZE_SETTINGS fills the rest. */
  readonly settings?: Partial<InitializeSettings>;
  /** Initialize with pm 4..6 so the retract counter counts captures. */
  readonly countRetracts?: boolean;
}

export type PositiveReply = Extract<Reply, { kind: 'positive' }>;

function describe(cmd: CommandText): string {
  return `C${cmd.cm}${cmd.pm}`;
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function isPrintableAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte >= 0x20 && byte <= 0x7e);
}

const positionOf = (reply: PositiveReply): Result<CardPosition, DataError> => ok(reply.position);
const dataOf = (reply: PositiveReply): Result<Uint8Array, DataError> => ok(reply.data);
const nothing = (): Result<void, DataError> => ok();
const whole = (reply: PositiveReply): Result<PositiveReply, DataError> => ok(reply);

export class CardSlot extends LinkedDriver {
  readonly #link: FrameExchange;
  readonly #timings: CardSlotTimings;

  constructor(transport: ByteTransport, timings: Partial<CardSlotTimings> = {}) {
    const full = { ...DEFAULT_CARD_SLOT_TIMINGS, ...timings };
    const link = new FrameExchange(transport, full);
    super(link);
    this.#link = link;
    this.#timings = full;
  }

  /** Any command of the table, its reply as the reader sent it (negative replies included). */
  send(cmd: CommandText, options: RequestOptions = {}): Promise<Result<Reply, ExchangeError>> {
    return this.#link.command(cmd, options.timeoutMs ?? this.#timings.replyTimeoutMs, options.signal);
  }

  /** One command whose positive reply's data `parse` types; a negative reply is a `reader` error. */
  async request<T>(cmd: CommandText, parse: (reply: PositiveReply) => Result<T, DataError>, options: RequestOptions = {}): Promise<Result<T, CardSlotError>> {
    const reply = await this.send(cmd, options);
    if (!reply.ok) return reply;
    const { value } = reply;
    if (value.kind === 'negative') {
      return err({ type: 'reader', command: describe(cmd), error: value.error, ...(value.data.length > 0 ? { data: value.data } : {}) });
    }
    const parsed = parse(value);
    return parsed.ok ? parsed : err({ type: 'protocol', reason: `${describe(cmd)} reply data is not ${parsed.error.layout} (${parsed.error.length} bytes)` });
  }

  async initialize(mode: InitializeMode, options: InitializeOptions = {}): Promise<Result<CardPosition, CardSlotError>> {
    const done = await this.initializeReporting(mode, options);
    return done.ok ? ok(done.value.position) : done;
  }

  /** Initialize, with the reader's type code when the settings ask for it (they do by default). */
  initializeReporting(mode: InitializeMode, options: InitializeOptions = {}): Promise<Result<{ position: CardPosition; readerType?: ReaderType }, CardSlotError>> {
    const settings = { ...DEFAULT_INITIALIZE_SETTINGS, ...options.settings };
    const parse = (reply: PositiveReply): Result<{ position: CardPosition; readerType?: ReaderType }, DataError> => {
      if (reply.data.length === 0) return ok({ position: reply.position });
      const type = decodeReaderType(reply.data);
      return type.ok ? ok({ position: reply.position, readerType: type.value }) : type;
    };
    const cmd = commands.initialize(mode, settings, options.countRetracts ?? false);
    return this.request(cmd, parse, { timeoutMs: this.#timings.initializeTimeoutMs, signal: options.signal });
  }

  status(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.status(), positionOf, options);
  }

  /** Every sensor, the entry mode and the capture box (C 1 2); `evenOnError` reads them while a mechanical error stands (C 1 3). */
  sensors(options: SignalOption & { evenOnError?: boolean } = {}): Promise<Result<ReaderSensors & { position: CardPosition }, CardSlotError>> {
    const cmd = commands.sensorStatus(options.evenOnError ? 'expandedEvenOnError' : 'expanded');
    return this.request(cmd, (reply) => {
      const sensors = decodeReaderSensors(reply.data);
      return sensors.ok ? ok({ ...sensors.value, position: reply.position }) : sensors;
    }, options);
  }

  /** Opens the shutter for a card; `magneticOnly` makes the reader refuse cards without a stripe. */
  enableEntry(kind: Exclude<EntryMode, 'disabled'> = 'anyCard', options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.entry(kind), positionOf, options);
  }

  disableEntry(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.entry('disabled'), positionOf, options);
  }

  /** Card entry in one command (C 2 x): answers once a card is inside. Aborting cancels it (DLE EOT). */
  acceptCard(mode: CardEntryMode, options: SignalOption & { timeoutMs: number }): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.acceptCard(mode), positionOf, options);
  }

  /** Polls status until a card is inside. Aborting ends the wait; `timeoutMs` bounds it. */
  async waitForCard(options: SignalOption & { pollMs?: number; timeoutMs?: number } = {}): Promise<Result<'inside', CardSlotError>> {
    const pollMs = options.pollMs ?? 200;
    const started = performance.now();
    for (;;) {
      const position = await this.status(options);
      if (!position.ok) return position;
      if (position.value === 'inside') return ok('inside');
      const waited = performance.now() - started;
      if (options.timeoutMs !== undefined && waited + pollMs > options.timeoutMs) return err({ type: 'timeout', waitedMs: waited });
      if (!(await sleep(pollMs, { signal: options.signal }))) return err({ type: 'aborted' });
    }
  }

  /**
   * Polls status after an eject until the card is gone. The reader may capture
   * a card left too long (error 46): that is `cardNotTaken` with `retained`.
   * If our own `timeoutMs` runs out first the card is still at the gate.
   */
  async waitForRemoval(options: SignalOption & { timeoutMs: number; pollMs?: number }): Promise<Result<'taken', CardSlotError>> {
    const pollMs = options.pollMs ?? 200;
    const started = performance.now();
    for (;;) {
      const position = await this.status(options);
      if (!position.ok) {
        const { error } = position;
        if (error.type === 'reader' && error.error.code === '46') return err({ type: 'cardNotTaken', retained: true });
        return position;
      }
      if (position.value === 'noCard') return ok('taken');
      if (position.value === 'inside') return err({ type: 'wrongPosition', position: 'inside' });
      if (performance.now() - started + pollMs > options.timeoutMs) return err({ type: 'cardNotTaken', retained: false });
      if (!(await sleep(pollMs, { signal: options.signal }))) return err({ type: 'aborted' });
    }
  }

  /** The reader watches the gate for `seconds` (1..30, C T 0): taken, or `cardNotTaken` (error 46, the card still at the gate). */
  async monitorRemoval(seconds: number, options: SignalOption = {}): Promise<Result<'taken', CardSlotError>> {
    const timeoutMs = seconds * 1000 + this.#timings.replyTimeoutMs;
    const watched = await this.request(commands.monitorRemoval(seconds), nothing, { ...options, timeoutMs });
    if (watched.ok) return ok('taken');
    const { error } = watched;
    return error.type === 'reader' && error.error.code === '46' ? err({ type: 'cardNotTaken', retained: false }) : watched;
  }

  /**
   * One exchange per track; a track without data is a per-track `noData`, not a
   * failure of the whole read. `singlePass` reads once without retries (C 6 9..;).
   */
  async readTracks(tracks: readonly TrackNumber[], options: SignalOption & { singlePass?: boolean } = {}): Promise<Result<TrackReads, CardSlotError>> {
    const reads: { [T in TrackNumber]?: Result<string, TrackReadError> } = {};
    for (const track of tracks) {
      const cmd = commands.readTrack(track, options.singlePass ?? false);
      const reply = await this.send(cmd, options);
      if (!reply.ok) return reply;
      if (reply.value.kind === 'negative') {
        const { error, data } = reply.value;
        if (error.code === '24') reads[track] = err({ type: 'noData' });
        else if (error.known && error.category === 'magnetic') {
          reads[track] = err({ type: 'readError', error, ...(data.length > 0 && isPrintableAscii(data) ? { partial: latin1(data) } : {}) });
        } else return err({ type: 'reader', command: describe(cmd), error });
        continue;
      }
      const { data } = reply.value;
      reads[track] = isPrintableAscii(data) ? ok(latin1(data)) : err({ type: 'notText' });
    }
    return ok(reads);
  }

  /** Which tracks carry data (C 6 7), from what the reader read as the card came in; the card does not move. */
  trackPresence(options: SignalOption = {}): Promise<Result<TrackPresence, CardSlotError>> {
    return this.request(commands.trackPresence(), (reply) => decodeTrackPresence(reply.data), options);
  }

  /** Forgets the tracks read and any data buffered for writing (C 6 6); the next read reads the card again. */
  clearTrackBuffer(options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.request(commands.clearTrackBuffer(), nothing, options);
  }

  /**
   * Writes the given tracks (ASCII between the sentinels, C 7 x): one track
   * directly, several through the buffer at once. The results tell each track's verify.
   */
  async writeTracks(tracks: { readonly [T in TrackNumber]?: string }, options: SignalOption = {}): Promise<Result<WriteResults, CardSlotError>> {
    const given = ([1, 2, 3] as const).filter((track) => tracks[track] !== undefined);
    const results = (reply: PositiveReply): Result<WriteResults, DataError> => decodeWriteResults(reply.data);
    const [only] = given;
    if (given.length === 1 && only !== undefined) return this.request(commands.writeTrack(only, tracks[only] ?? ''), results, options);
    const cleared = await this.clearTrackBuffer(options);
    if (!cleared.ok) return cleared;
    for (const track of given) {
      const buffered = await this.request(commands.bufferTrack(track, tracks[track] ?? ''), nothing, options);
      if (!buffered.ok) return buffered;
    }
    return this.request(commands.writeBufferedTracks(), results, options);
  }

  /** Carries the card to the IC position and lands the contacts. */
  /** Lands the contacts on the chip (IC contact, pm 0): before the chip is activated. */
  moveToIc(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.moveToIc(), positionOf, options);
  }

  /** Lifts the contacts off the chip (IC contact, pm 2), so the card can move again. */
  releaseIc(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.releaseIc(), positionOf, options);
  }

  /** Cold reset of the chip; the answer is its ATR. `activation` picks EMV (default) or ISO 7816-3 at 5 V / 3 V. */
  iccActivate(options: SignalOption & { activation?: IccActivation } = {}): Promise<Result<Uint8Array, CardSlotError>> {
    return this.request(commands.iccActivate(options.activation), dataOf, options);
  }

  /** Whether the chip is powered, at what voltage and clock (C I 2). */
  iccStatus(options: SignalOption = {}): Promise<Result<ContactStatus, CardSlotError>> {
    return this.request(commands.iccStatus(), (reply) => decodeContactStatus(reply.data), options);
  }

  /** Warm reset of an active chip; the answer is its ATR again. */
  iccWarmReset(options: SignalOption = {}): Promise<Result<Uint8Array, CardSlotError>> {
    return this.request(commands.iccWarmReset(), dataOf, options);
  }

  /** Powers the chip down (before the card moves or leaves). */
  iccDeactivate(options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.request(commands.iccDeactivate(), nothing, options);
  }

  /**
   * One command APDU to the chip; the answer is the response APDU (data + SW1
   * SW2). Over 1000 bytes either way goes in parts (C I 5/6, C I 7).
   */
  async apdu(bytes: Uint8Array, protocol: IccProtocol | 'auto', options: SignalOption = {}): Promise<Result<Uint8Array, CardSlotError>> {
    let first: Result<PositiveReply, CardSlotError>;
    if (bytes.length > 1000 && protocol !== 'T0') {
      for (let at = 0; at + 1000 < bytes.length; at += 1000) {
        const sent = await this.request(commands.apduPart(bytes.slice(at, at + 1000), false), nothing, options);
        if (!sent.ok) return sent;
      }
      first = await this.request(commands.apduPart(bytes.slice(Math.floor((bytes.length - 1) / 1000) * 1000), true), whole, options);
    } else {
      first = await this.request(commands.apdu(protocol, bytes), whole, options);
    }
    if (!first.ok) return first;
    const parts = [first.value.data];
    let px = first.value.pm;
    while (px === '5') {
      const next = await this.request(commands.apduNextPart(), whole, options);
      if (!next.ok) return next;
      parts.push(next.value.data);
      px = next.value.pm;
    }
    if (px === '?') return err({ type: 'protocol', reason: 'the card aborted the exchange (S(ABORT) request, px 3F)' });
    return ok(Uint8Array.from(parts.flatMap((part) => [...part])));
  }

  /** Presents the card at the gate for the person to take; `protrudeMs` (0..20) leaves it further out. */
  ejectToGate(options: SignalOption & { protrudeMs?: number } = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.ejectToGate(options.protrudeMs), positionOf, options);
  }

  /** Pulls a card at the gate back inside. */
  retrieve(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.retrieve(), positionOf, options);
  }

  /** Carries the card to the rear bin; it is not given back. */
  retainCard(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.request(commands.captureToBin(), positionOf, options);
  }
}
