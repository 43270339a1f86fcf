import { err, ok, type Result } from '../../common/result';
import { sleep } from '../../common/time';
import type { ByteTransport } from '../transport/types';
import { type CardSlotTimings, DEFAULT_CARD_SLOT_TIMINGS, type ExchangeError, FrameExchange } from './exchange';
import {
  commands,
  type CardPosition,
  type CommandText,
  type EntryMode,
  type IccProtocol,
  type InitializeMode,
  type ReaderError,
  type TrackNumber,
} from './text';

export { type CardSlotTimings, DEFAULT_CARD_SLOT_TIMINGS, type ExchangeError } from './exchange';

/**
 * Host side of the Sankyo ICT3Q8/ICT3K5 link (DEVICES.md §2): the card
 * operations a kiosk needs, over the frame exchange (exchange.ts, one lock:
 * commands never interleave on the line). Expected failures come back as
 * `CardSlotError` values.
 */

export type CardSlotError =
  | ExchangeError
  /** The reader refused or failed the command (negative reply). */
  | { readonly type: 'reader'; readonly command: string; readonly error: ReaderError }
  /** The operation needs the card somewhere else. */
  | { readonly type: 'wrongPosition'; readonly position: CardPosition }
  /** An ejected card stayed at the gate; `retained` when the reader has already captured it. */
  | { readonly type: 'cardNotTaken'; readonly retained: boolean };

export type TrackReadError =
  /** Error 24: no stripe, or nothing on this track. */
  | { readonly type: 'noData' }
  | { readonly type: 'readError'; readonly error: ReaderError }
  | { readonly type: 'notText' };

export type TrackReads = { readonly [T in TrackNumber]?: Result<string, TrackReadError> };

export interface SignalOption {
  readonly signal?: AbortSignal;
}

function describe(cmd: CommandText): string {
  return `C${cmd.cm}${cmd.pm}`;
}

function isPrintableAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte >= 0x20 && byte <= 0x7e);
}

export class CardSlot {
  readonly #link: FrameExchange;
  readonly #timings: CardSlotTimings;

  constructor(transport: ByteTransport, timings: Partial<CardSlotTimings> = {}) {
    this.#timings = { ...DEFAULT_CARD_SLOT_TIMINGS, ...timings };
    this.#link = new FrameExchange(transport, this.#timings);
  }

  /** False once the port is gone; every operation then answers `disconnected`. */
  get isConnected(): boolean {
    return this.#link.isConnected;
  }

  /** Detaches from the transport (the caller owns it and closes it). */
  dispose(): void {
    this.#link.dispose();
  }

  initialize(mode: InitializeMode, options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.initialize(mode), this.#timings.initializeTimeoutMs, options.signal);
  }

  status(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.status(), this.#timings.replyTimeoutMs, options.signal);
  }

  /** Opens the shutter for a card; `magneticOnly` makes the reader refuse cards without a stripe. */
  enableEntry(kind: Exclude<EntryMode, 'disabled'> = 'anyCard', options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.entry(kind), this.#timings.replyTimeoutMs, options.signal);
  }

  disableEntry(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.entry('disabled'), this.#timings.replyTimeoutMs, options.signal);
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

  /** One exchange per track; a track without data is a per-track `noData`, not a failure of the whole read. */
  async readTracks(tracks: readonly TrackNumber[], options: SignalOption = {}): Promise<Result<TrackReads, CardSlotError>> {
    const reads: { [T in TrackNumber]?: Result<string, TrackReadError> } = {};
    for (const track of tracks) {
      const cmd = commands.readTrack(track);
      const reply = await this.#link.command(cmd, this.#timings.replyTimeoutMs, options.signal);
      if (!reply.ok) return reply;
      if (reply.value.kind === 'negative') {
        const { error } = reply.value;
        if (error.code === '24') reads[track] = err({ type: 'noData' });
        else if (/^2[0-9]$/.test(error.code)) reads[track] = err({ type: 'readError', error });
        else return err({ type: 'reader', command: describe(cmd), error });
        continue;
      }
      const { data } = reply.value;
      reads[track] = isPrintableAscii(data) ? ok(String.fromCharCode(...data)) : err({ type: 'notText' });
    }
    return ok(reads);
  }

  /** Carries the card to the IC position and lands the contacts. */
  moveToIc(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.moveToIc(), this.#timings.replyTimeoutMs, options.signal);
  }

  releaseIc(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.releaseIc(), this.#timings.replyTimeoutMs, options.signal);
  }

  /** Cold reset of the chip; the answer is its ATR. */
  iccActivate(options: SignalOption = {}): Promise<Result<Uint8Array, CardSlotError>> {
    return this.#dataCommand(commands.iccActivate(), options.signal);
  }

  async iccDeactivate(options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    const reply = await this.#dataCommand(commands.iccDeactivate(), options.signal);
    return reply.ok ? ok() : reply;
  }

  /** One command APDU to the chip; the answer is the response APDU (data + SW1 SW2). */
  apdu(bytes: Uint8Array, protocol: IccProtocol, options: SignalOption = {}): Promise<Result<Uint8Array, CardSlotError>> {
    return this.#dataCommand(commands.apdu(protocol, bytes), options.signal);
  }

  /** Presents the card at the gate for the person to take. */
  ejectToGate(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.ejectToGate(), this.#timings.replyTimeoutMs, options.signal);
  }

  /** Pulls a card at the gate back inside. */
  retrieve(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.retrieve(), this.#timings.replyTimeoutMs, options.signal);
  }

  /** Carries the card to the rear bin; it is not given back. */
  retainCard(options: SignalOption = {}): Promise<Result<CardPosition, CardSlotError>> {
    return this.#positionCommand(commands.captureToBin(), this.#timings.replyTimeoutMs, options.signal);
  }

  async #positionCommand(cmd: CommandText, timeoutMs: number, signal: AbortSignal | undefined): Promise<Result<CardPosition, CardSlotError>> {
    const reply = await this.#link.command(cmd, timeoutMs, signal);
    if (!reply.ok) return reply;
    if (reply.value.kind === 'negative') return err({ type: 'reader', command: describe(cmd), error: reply.value.error });
    return ok(reply.value.position);
  }

  async #dataCommand(cmd: CommandText, signal: AbortSignal | undefined): Promise<Result<Uint8Array, CardSlotError>> {
    const reply = await this.#link.command(cmd, this.#timings.replyTimeoutMs, signal);
    if (!reply.ok) return reply;
    if (reply.value.kind === 'negative') return err({ type: 'reader', command: describe(cmd), error: reply.value.error });
    return ok(reply.value.data);
  }
}
