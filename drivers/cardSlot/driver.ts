import { SerialLock } from '../../common/lock';
import { err, ok, type Result } from '../../common/result';
import { sleep } from '../../common/time';
import type { ByteTransport } from '../transport/types';
import { ACK_BYTES, DLE_EOT_BYTES, NAK_BYTES, SankyoDecoder, encodeFrame, type LinkEvent } from './codec';
import {
  commands,
  decodeReply,
  encodeCommand,
  type CardPosition,
  type CommandText,
  type EntryMode,
  type IccProtocol,
  type InitializeMode,
  type ReaderError,
  type Reply,
  type TrackNumber,
} from './text';

/**
 * Host side of the Sankyo ICT3Q8/ICT3K5 link (DEVICES.md §2) and the card
 * operations a kiosk needs. One lock: commands never interleave on the line.
 * Expected failures come back as `CardSlotError` values.
 */

export interface CardSlotTimings {
  /** No ACK within this → resend the command. */
  readonly ackTimeoutMs: number;
  /** Sends of one command (first + resends) before giving up. */
  readonly maxSends: number;
  /** NAKs for one garbled reply before giving up. */
  readonly maxReplyNaks: number;
  readonly replyTimeoutMs: number;
  /** Initialize may home the mechanism and auto-detect the baud rate: longer than the usual reply timeout. */
  readonly initializeTimeoutMs: number;
  /** The reader needs this quiet time after its reply before the next command. */
  readonly interCommandGapMs: number;
  /** A frame whose bytes stop for longer than this is abandoned. */
  readonly interCharTimeoutMs: number;
}

export const DEFAULT_CARD_SLOT_TIMINGS: CardSlotTimings = {
  ackTimeoutMs: 300,
  maxSends: 3,
  maxReplyNaks: 3,
  replyTimeoutMs: 20_000,
  initializeTimeoutMs: 60_000,
  interCommandGapMs: 5,
  interCharTimeoutMs: 250,
};

export type CardSlotError =
  /** The port went away (unplugged) or was closed. */
  | { readonly type: 'disconnected' }
  /** The reader never acknowledged the command. */
  | { readonly type: 'noAck'; readonly sends: number }
  /** Acknowledged, but no reply in time. */
  | { readonly type: 'timeout'; readonly waitedMs: number }
  /** Every copy of the reply failed its CRC. */
  | { readonly type: 'garbled'; readonly naks: number }
  | { readonly type: 'aborted' }
  /** A reply we could not understand. */
  | { readonly type: 'protocol'; readonly reason: string }
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

type Outcome =
  | { readonly kind: 'event'; readonly event: LinkEvent }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'closed' }
  | { readonly kind: 'aborted' };

function describe(cmd: CommandText): string {
  return `C${cmd.cm}${cmd.pm}`;
}

function isPrintableAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte >= 0x20 && byte <= 0x7e);
}

export class CardSlot {
  readonly #transport: ByteTransport;
  readonly #timings: CardSlotTimings;
  readonly #decoder = new SankyoDecoder();
  readonly #lock = new SerialLock();
  #closed = false;
  #inExchange = false;
  #inbox: LinkEvent[] = [];
  #wake: (() => void) | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #lastReplyAt = -Infinity;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(transport: ByteTransport, timings: Partial<CardSlotTimings> = {}) {
    this.#transport = transport;
    this.#timings = { ...DEFAULT_CARD_SLOT_TIMINGS, ...timings };
    this.#closed = !transport.isOpen;
    this.#unsubscribe.push(
      transport.onData((chunk) => this.#receive(chunk)),
      transport.onClose(() => {
        this.#closed = true;
        this.#stopIdleTimer();
        this.#wake?.();
      }),
    );
  }

  /** False once the port is gone; every operation then answers `disconnected`. */
  get isConnected(): boolean {
    return !this.#closed;
  }

  /** Detaches from the transport (the caller owns it and closes it). */
  dispose(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#stopIdleTimer();
    this.#closed = true;
    this.#wake?.();
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
      const reply = await this.#command(cmd, this.#timings.replyTimeoutMs, options.signal);
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
    const reply = await this.#command(cmd, timeoutMs, signal);
    if (!reply.ok) return reply;
    if (reply.value.kind === 'negative') return err({ type: 'reader', command: describe(cmd), error: reply.value.error });
    return ok(reply.value.position);
  }

  async #dataCommand(cmd: CommandText, signal: AbortSignal | undefined): Promise<Result<Uint8Array, CardSlotError>> {
    const reply = await this.#command(cmd, this.#timings.replyTimeoutMs, signal);
    if (!reply.ok) return reply;
    if (reply.value.kind === 'negative') return err({ type: 'reader', command: describe(cmd), error: reply.value.error });
    return ok(reply.value.data);
  }

  /** Runs one exchange under the lock. */
  #command(cmd: CommandText, timeoutMs: number, signal: AbortSignal | undefined): Promise<Result<Reply, CardSlotError>> {
    return this.#lock.run(() => this.#exchange(cmd, timeoutMs, signal));
  }

  async #exchange(cmd: CommandText, timeoutMs: number, signal: AbortSignal | undefined): Promise<Result<Reply, CardSlotError>> {
    if (this.#closed) return err({ type: 'disconnected' });
    if (signal?.aborted) return err({ type: 'aborted' });
    const gap = this.#lastReplyAt + this.#timings.interCommandGapMs - performance.now();
    if (gap > 0) await sleep(gap);

    this.#inExchange = true;
    this.#inbox = [];
    try {
      const frame = encodeFrame(encodeCommand(cmd));
      let acknowledged = false;
      let earlyReply: Uint8Array | undefined;
      let sends = 0;
      while (!acknowledged && sends < this.#timings.maxSends) {
        sends++;
        if (!(await this.#send(frame))) return err({ type: 'disconnected' });
        const deadline = performance.now() + this.#timings.ackTimeoutMs;
        for (;;) {
          const outcome = await this.#next(deadline, signal);
          if (outcome.kind === 'closed') return err({ type: 'disconnected' });
          if (outcome.kind === 'aborted') return this.#abort();
          if (outcome.kind === 'timeout') break;
          const { event } = outcome;
          if (event.type === 'ack') {
            acknowledged = true;
            break;
          }
          if (event.type === 'nak') break;
          if (event.type === 'frame') {
            // The ACK was lost on the line but the reply made it: the command ran.
            acknowledged = true;
            earlyReply = event.text;
            break;
          }
        }
      }
      if (!acknowledged) return err({ type: 'noAck', sends });
      return await this.#awaitReply(cmd, timeoutMs, signal, earlyReply);
    } finally {
      this.#inExchange = false;
      this.#inbox = [];
    }
  }

  async #awaitReply(
    cmd: CommandText,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    earlyReply: Uint8Array | undefined,
  ): Promise<Result<Reply, CardSlotError>> {
    const started = performance.now();
    const deadline = started + timeoutMs;
    let naks = 0;
    let pendingText = earlyReply;
    for (;;) {
      let text = pendingText;
      pendingText = undefined;
      if (!text) {
        const outcome = await this.#next(deadline, signal);
        if (outcome.kind === 'closed') return err({ type: 'disconnected' });
        if (outcome.kind === 'aborted') return this.#abort();
        if (outcome.kind === 'timeout') return err({ type: 'timeout', waitedMs: performance.now() - started });
        const { event } = outcome;
        if (event.type === 'badCrc' || event.type === 'truncated') {
          if (naks >= this.#timings.maxReplyNaks) return err({ type: 'garbled', naks });
          naks++;
          if (!(await this.#send(NAK_BYTES))) return err({ type: 'disconnected' });
          continue;
        }
        if (event.type !== 'frame') continue;
        text = event.text;
      }
      this.#lastReplyAt = performance.now();
      if (!(await this.#send(ACK_BYTES))) return err({ type: 'disconnected' });
      const reply = decodeReply(text);
      if (!reply.ok) return err({ type: 'protocol', reason: `reply text: ${reply.error.type}` });
      // A late reply to an aborted or timed-out command echoes another cm pm: acknowledged above, then ignored.
      if (reply.value.cm !== cmd.cm || reply.value.pm !== cmd.pm) continue;
      return ok(reply.value);
    }
  }

  async #abort(): Promise<Result<never, CardSlotError>> {
    await this.#send(DLE_EOT_BYTES);
    this.#lastReplyAt = performance.now();
    return err({ type: 'aborted' });
  }

  async #send(bytes: Uint8Array): Promise<boolean> {
    if (this.#closed) return false;
    try {
      await this.#transport.write(bytes);
      return true;
    } catch {
      // A write that fails is the port going away; onClose follows, but the reader is gone from now on
      // (so `isConnected` and the next command agree with the "disconnected" this leads to).
      this.#closed = true;
      this.#stopIdleTimer();
      return false;
    }
  }

  /** The next link event of the running exchange, or why there is none. */
  async #next(deadline: number, signal: AbortSignal | undefined): Promise<Outcome> {
    for (;;) {
      const event = this.#inbox.shift();
      if (event) return { kind: 'event', event };
      if (this.#closed) return { kind: 'closed' };
      if (signal?.aborted) return { kind: 'aborted' };
      const remaining = deadline - performance.now();
      if (remaining <= 0) return { kind: 'timeout' };
      // Until the deadline, the next event (or the port closing), or the caller's abort.
      const woken = new AbortController();
      const wake = (): void => woken.abort();
      this.#wake = wake;
      signal?.addEventListener('abort', wake, { once: true });
      await sleep(remaining, { signal: woken.signal });
      signal?.removeEventListener('abort', wake);
      this.#wake = undefined;
    }
  }

  #receive(chunk: Uint8Array): void {
    this.#dispatch(this.#decoder.push(chunk));
    this.#stopIdleTimer();
    if (this.#decoder.hasPartial) {
      this.#idleTimer = setTimeout(() => {
        this.#idleTimer = undefined;
        this.#dispatch(this.#decoder.lineIdle());
      }, this.#timings.interCharTimeoutMs);
    }
  }

  #dispatch(events: LinkEvent[]): void {
    if (events.length === 0) return;
    if (this.#inExchange) {
      this.#inbox.push(...events);
      this.#wake?.();
      return;
    }
    // Between commands only a stray reply can arrive (a command we gave up on); the reader waits for its ACK.
    if (events.some((event) => event.type === 'frame')) void this.#send(ACK_BYTES);
  }

  #stopIdleTimer(): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
