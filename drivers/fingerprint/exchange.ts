import { SerialLock } from '../../common/lock';
import { err, ok } from '../../common/result';
import { sleep } from '../../common/time';
import { lineTimeMs } from '../transport/pacing';
import { awaitPendingInput } from '../transport/pendingInput';
import type { ByteTransport } from '../transport/types';
import { type DecoderEvent, encodePacket, FRAME_OVERHEAD, type Packet, PacketDecoder, receivedFrame } from './codec';
import { PACKED_IMAGE_LENGTH } from './image';
import { INSTRUCTIONS, type InstructionName, type PacketSize, refusal } from './instructions';
import type { CommandOptions, FingerprintResult, FingerprintTimeouts } from './readerTypes';

interface ExchangeRequest {
  instruction: InstructionName;
  params?: readonly number[];
  /** Bytes after the cc in a successful reply. */
  replyLength?: number;
  /** Total data bytes the module sends after a cc 00. */
  receiveBytes?: number;
  /** Data the host sends after a cc 00. */
  sendData?: Uint8Array;
  options?: CommandOptions;
}

interface ExchangeReply {
  readonly reply: Uint8Array;
  readonly data: Uint8Array;
}

type Finish = (outcome: FingerprintResult<ExchangeReply>) => void;

interface LineSettings {
  readonly address: number;
  readonly baudRate: number;
  readonly packetSize: PacketSize;
  readonly timeouts: FingerprintTimeouts;
}

/**
 * The byte level under FingerprintReader: one command packet and its reply at
 * a time (one lock), data packets either way, timeouts sized to the line, and
 * a quiet line after a failed exchange so a late reply is not read as the next.
 */
export class PacketExchange {
  readonly #transport: ByteTransport;
  readonly #address: number;
  readonly #timeouts: FingerprintTimeouts;
  readonly #decoder = new PacketDecoder();
  /** One command at a time: each waits for the one before to finish. */
  readonly #lock = new SerialLock();
  /** What the driver believes the module uses; ReadSysPara and SetSysPara change it. */
  baudRate: number;
  packetSize: PacketSize;
  #onEvent: ((event: DecoderEvent) => void) | undefined;
  #abandonExchange: Finish | undefined;
  #lastByteAt = 0;
  #needsResync = false;
  #disconnected = false;
  readonly #unsubscribe: (() => void)[];

  constructor(transport: ByteTransport, line: LineSettings) {
    this.#transport = transport;
    this.#address = line.address;
    this.baudRate = line.baudRate;
    this.packetSize = line.packetSize;
    this.#timeouts = line.timeouts;
    this.#disconnected = !transport.isOpen;
    this.#unsubscribe = [
      transport.onData((chunk) => {
        this.#lastByteAt = performance.now();
        for (const event of this.#decoder.push(chunk)) this.#onEvent?.(event);
      }),
      transport.onClose(() => {
        this.#disconnected = true;
        this.#abandonExchange?.(err({ type: 'disconnected' }));
      }),
    ];
  }

  get isConnected(): boolean {
    return !this.#disconnected;
  }

  /** Stops listening to the transport; does not close it. */
  dispose(): void {
    for (const undo of this.#unsubscribe) undo();
  }

  #transferTimeout(bytes: number): number {
    const packets = Math.ceil(bytes / this.packetSize) + 1;
    const lineMs = lineTimeMs(bytes + packets * FRAME_OVERHEAD, { baudRate: this.baudRate, bitsPerChar: 10 });
    return this.#timeouts.commandMs + this.#timeouts.transferMarginMs + 2 * lineMs;
  }

  /** One command and its reply (and data, either way), after the commands before it. */
  async exchange(request: ExchangeRequest): Promise<FingerprintResult<ExchangeReply>> {
    const signal = request.options?.signal;
    if (signal?.aborted) return err({ type: 'aborted' });
    if (this.#disconnected) return err({ type: 'disconnected' });
    const ticket = this.#lock.acquire();
    const turn = await raceAbort(ticket, signal);
    if (turn === 'aborted') {
      void ticket.then((release) => release());
      return err({ type: 'aborted' });
    }
    try {
      if (this.#disconnected) return err({ type: 'disconnected' });
      if (this.#needsResync) await this.#waitForQuietLine(signal);
      if (signal?.aborted) return err({ type: 'aborted' });
      this.#decoder.reset();
      const outcome = await this.#transact(request);
      if (!outcome.ok && outcome.error.type !== 'refused') this.#needsResync = true;
      return outcome;
    } finally {
      this.#onEvent = undefined;
      this.#abandonExchange = undefined;
      turn();
    }
  }

  /**
   * Lets the tail of an abandoned reply drain away, so it is not read as the
   * next one: the line must stay quiet for a while from now, since bytes
   * already in flight have not arrived yet. (The protocol has no sequence
   * numbers; a reply later than that still cannot be told apart.)
   */
  async #waitForQuietLine(signal: AbortSignal | undefined): Promise<void> {
    const quiet = this.#timeouts.resyncQuietMs;
    const started = performance.now();
    const giveUpAt = started + this.#transferTimeout(PACKED_IMAGE_LENGTH);
    for (;;) {
      const now = performance.now();
      const since = now - Math.max(this.#lastByteAt, started);
      if (since >= quiet || now > giveUpAt || signal?.aborted) break;
      await sleep(quiet - since, { signal });
    }
    this.#needsResync = false;
  }

  #transact(request: ExchangeRequest): Promise<FingerprintResult<ExchangeReply>> {
    const { instruction } = request;
    const receiveBytes = request.receiveBytes ?? 0;
    const timeoutMs =
      request.options?.timeoutMs ??
      (receiveBytes > 0 || request.sendData ? this.#transferTimeout(receiveBytes + (request.sendData?.length ?? 0)) : this.#timeouts.commandMs);
    const signal = request.options?.signal;

    return new Promise((resolve) => {
      let settled = false;
      let reply: Uint8Array | undefined;
      const parts: Uint8Array[] = [];
      let received = 0;

      const finish: Finish = (outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        answered.abort();
        signal?.removeEventListener('abort', onAbort);
        this.#onEvent = undefined;
        if (!outcome.ok) for (const part of parts) part.fill(0);
        resolve(outcome);
      };
      const onAbort = (): void => finish(err({ type: 'aborted' }));
      // When the timer is due, input already waiting is read first (awaitPendingInput): after a stall of the whole
      // process (a busy machine) the expired timer and an answer that came in time are due together, and a module
      // that answered is not "not responding".
      const answered = new AbortController();
      const timer = setTimeout(() => void awaitPendingInput(answered.signal).then(() => finish(err({ type: 'timeout', instruction }))), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#abandonExchange = finish;

      const completeData = (): void => {
        const data = new Uint8Array(received);
        let offset = 0;
        for (const part of parts) {
          data.set(part, offset);
          offset += part.length;
          part.fill(0);
        }
        if (received !== receiveBytes) {
          data.fill(0);
          finish(err({ type: 'garbled', instruction, detail: 'wrongDataLength' }));
          return;
        }
        finish(ok({ reply: reply ?? new Uint8Array(0), data }));
      };

      this.#onEvent = (event) => {
        const frame = receivedFrame(event);
        if (frame?.kind === 'packet') return onPacket(frame.packet);
        if (frame?.kind === 'damaged' && frame.address === this.#address) finish(err({ type: 'garbled', instruction, detail: frame.damage }));
      };

      const onPacket = (packet: Packet): void => {
        if (packet.address !== this.#address) return;
        if (reply === undefined) {
          // Data packets before our ack are the tail of an abandoned transfer.
          if (packet.kind !== 'ack') return;
          const code = packet.content[0];
          if (code === undefined) return finish(err({ type: 'garbled', instruction, detail: 'shortReply' }));
          if (code !== 0) return finish(err(refusal(instruction, code)));
          if (packet.content.length - 1 < (request.replyLength ?? 0)) {
            return finish(err({ type: 'garbled', instruction, detail: 'shortReply' }));
          }
          reply = packet.content.subarray(1);
          if (request.sendData) {
            void this.#sendData(request.sendData).then((sent) => finish(sent.ok ? ok({ reply: reply ?? new Uint8Array(0), data: new Uint8Array(0) }) : sent));
            return;
          }
          if (receiveBytes === 0) return finish(ok({ reply, data: new Uint8Array(0) }));
          return;
        }
        if (packet.kind !== 'data' && packet.kind !== 'endData') return;
        parts.push(packet.content);
        received += packet.content.length;
        if (received > receiveBytes) return finish(err({ type: 'garbled', instruction, detail: 'wrongDataLength' }));
        if (packet.kind === 'endData') completeData();
      };

      const command = encodePacket({
        address: this.#address,
        kind: 'command',
        content: Uint8Array.from([INSTRUCTIONS[instruction], ...(request.params ?? [])]),
      });
      this.#transport.write(command).catch(() => {
        finish(this.#transport.isOpen ? err({ type: 'timeout', instruction }) : this.#linkLost());
      });
    });
  }

  /** Data packets of exactly the configured size, the last one PID 08; the module acknowledges none. */
  async #sendData(data: Uint8Array): Promise<FingerprintResult<void>> {
    const size = this.packetSize;
    try {
      for (let offset = 0; offset < data.length; offset += size) {
        const last = offset + size >= data.length;
        await this.#transport.write(
          encodePacket({ address: this.#address, kind: last ? 'endData' : 'data', content: data.subarray(offset, offset + size) }),
        );
      }
      return ok();
    } catch {
      return this.#transport.isOpen ? err({ type: 'disconnected' }) : this.#linkLost();
    }
  }

  /**
   * A write found the port closed: the reader is gone from now on, even if the
   * transport's close notice has not arrived yet (so `isConnected` and the next
   * command agree with the answer just given).
   */
  #linkLost(): FingerprintResult<never> {
    this.#disconnected = true;
    return err({ type: 'disconnected' });
  }
}

async function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | 'aborted'> {
  if (!signal) return promise;
  return new Promise((resolve) => {
    const onAbort = (): void => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}
