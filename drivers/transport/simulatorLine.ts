import { PacedLine, type LineSettings } from './pacing';
import type { ByteTransport } from './types';

/** What a serial simulator does as its cable comes and goes. */
interface SimulatorLineHandlers {
  /** A new line: the device starts afresh (decoders, buffers). Called before any byte arrives. */
  readonly plugged?: () => void;
  /** Bytes from the host. */
  readonly receive: (chunk: Uint8Array) => void;
  /** The line is gone (pulled, closed by the host, or replaced): work in flight is dropped. */
  readonly unplugged?: () => void;
}

/**
 * A serial device simulator's end of its cable, paced at the device's speed:
 * plug, unplug and replug the same way for every simulator on a byte line
 * (card slot, fingerprint reader, printer). A line the host closes is an
 * unplug too. Writes to a line that is gone, or dies under the write, are
 * dropped: the host sees an unplugged device.
 */
export class SimulatorLine {
  readonly #pacing: () => LineSettings;
  readonly #handlers: SimulatorLineHandlers;
  #transport: ByteTransport | undefined;
  #line: PacedLine | undefined;
  #unsubscribe: (() => void)[] = [];

  /** `pacing` is read at each plug: the device's speed at power-up. */
  constructor(pacing: () => LineSettings, handlers: SimulatorLineHandlers) {
    this.#pacing = pacing;
    this.#handlers = handlers;
  }

  get isPlugged(): boolean {
    return this.#transport !== undefined;
  }

  /** The line now in use: work started on one line is not finished on the next. */
  get transport(): ByteTransport | undefined {
    return this.#transport;
  }

  /** Plugs the device into a line; it powers up. */
  plug(transport: ByteTransport): void {
    if (this.#transport) throw new Error('the simulator is already plugged in; unplug it first');
    this.#transport = transport;
    this.#line = new PacedLine(transport, this.#pacing());
    this.#handlers.plugged?.();
    this.#unsubscribe = [
      transport.onData((chunk) => this.#handlers.receive(chunk)),
      transport.onClose(() => {
        if (this.#transport === transport) this.disconnect();
      }),
    ];
  }

  /** Power back on a new line (a power cycle). */
  replug(transport: ByteTransport): void {
    this.disconnect();
    this.plug(transport);
  }

  /**
   * Lets go of the line without closing it: pending writes are cancelled and
   * the device's `unplugged` runs. Returns the line, for the caller to close.
   */
  disconnect(): ByteTransport | undefined {
    const transport = this.#transport;
    if (!transport) return undefined;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#line?.cancel();
    this.#line = undefined;
    this.#transport = undefined;
    this.#handlers.unplugged?.();
    return transport;
  }

  /** Power and cable gone: nothing more is sent, pending work is dropped, the port is closed. */
  async unplug(): Promise<void> {
    await this.disconnect()?.close();
  }

  /** Sends at the line's pace; resolves when sent, or at once when there is no line. */
  write(bytes: Uint8Array): Promise<void> {
    const line = this.#line;
    if (!line) return Promise.resolve();
    // A port that dies under a write is the unplug path; onClose handles it.
    return line.write(bytes).catch(() => undefined);
  }

  /** The device switched speed: bytes written from now on go at the new rate. */
  setBaudRate(baudRate: number): void {
    this.#line?.setBaudRate(baudRate);
  }
}
