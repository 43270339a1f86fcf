import { SerialLock } from '../../common/lock';
import { err, ok, type Result } from '../../common/result';
import { sleep } from '../../common/time';
import { InputDeadline } from '../transport/pendingInput';
import type { ByteTransport } from '../transport/types';
import { ACK_BYTES, DLE_EOT_BYTES, NAK_BYTES, SankyoDecoder, encodeFrame, type LinkEvent } from './codec';
import { decodeReply, encodeCommand, replyAnswers, type CommandText, type Reply } from './text';

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

/** How an exchange fails on the link, before the reader's answer is looked at. */
export type ExchangeError =
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
  | { readonly type: 'protocol'; readonly reason: string };

type Outcome =
  | { readonly kind: 'event'; readonly event: LinkEvent }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'closed' }
  | { readonly kind: 'aborted' };

/**
 * The Sankyo link under CardSlot (DEVICES.md §2): one command at a time (one
 * lock), resent until the reader ACKs it, its reply NAKed until it arrives
 * whole and ACKed once it does, with the quiet gap the reader needs between
 * commands. A stray reply between commands is acknowledged and dropped.
 */
export class FrameExchange {
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

  constructor(transport: ByteTransport, timings: CardSlotTimings) {
    this.#transport = transport;
    this.#timings = timings;
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

  get isConnected(): boolean {
    return !this.#closed;
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#stopIdleTimer();
    this.#closed = true;
    this.#wake?.();
  }

  /** One command and its reply, after the commands before it. */
  command(cmd: CommandText, timeoutMs: number, signal: AbortSignal | undefined): Promise<Result<Reply, ExchangeError>> {
    return this.#lock.run(() => this.#exchange(cmd, timeoutMs, signal));
  }

  async #exchange(cmd: CommandText, timeoutMs: number, signal: AbortSignal | undefined): Promise<Result<Reply, ExchangeError>> {
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
  ): Promise<Result<Reply, ExchangeError>> {
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
      if (!replyAnswers(cmd, reply.value)) continue;
      return ok(reply.value);
    }
  }

  async #abort(): Promise<Result<never, ExchangeError>> {
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
    // Past the deadline, a reply already waiting (the process stalled while it came) is read before "timeout".
    const wait = new InputDeadline(deadline);
    for (;;) {
      const event = this.#inbox.shift();
      if (event) return { kind: 'event', event };
      if (this.#closed) return { kind: 'closed' };
      if (signal?.aborted) return { kind: 'aborted' };
      if (wait.expired) return { kind: 'timeout' };
      // Until the deadline, the next event (or the port closing), or the caller's abort.
      const woken = new AbortController();
      const wake = (): void => woken.abort();
      this.#wake = wake;
      signal?.addEventListener('abort', wake, { once: true });
      await wait.pause(woken.signal);
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
