import { access } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { ListenedTransport } from './listenedTransport';
import type { ByteTransport, SerialSettings } from './types';

/** How often the device node is checked for presence. */
const PRESENCE_CHECK_MS = 100;

class SerialDisconnectedError extends Error {
  override readonly name = 'SerialDisconnectedError';
}

class SerialTransport extends ListenedTransport {
  readonly #port: SerialPort;
  readonly #presenceTimer: NodeJS.Timeout;
  #closed = false;
  #closeRequested = false;
  #lastError: Error | undefined;
  /** Writes not yet settled, each by its own settle (see write). */
  readonly #inFlight = new Set<(error?: Error | null) => void>();

  constructor(port: SerialPort) {
    super();
    this.#port = port;
    // A hung-up pty reads as endless EOF, which serialport retries silently,
    // so the loss would only show on the next write. A vanished device node
    // (udev removing /dev/ttyUSB0, socat removing its link) is the unplug.
    this.#presenceTimer = setInterval(() => {
      access(port.path).catch(() => {
        this.#lastError = new SerialDisconnectedError(`${port.path} disappeared`);
        if (port.isOpen) port.close();
        else this.#finish(this.#lastError);
      });
    }, PRESENCE_CHECK_MS);
    this.#presenceTimer.unref();
    port.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.emitData(bytes);
    });
    // serialport closes the port itself on a read/write failure and passes a
    // DisconnectedError: that is the unplugged device.
    // A failed write destroys the stream, which then emits a bare 'close';
    // any close we did not ask for is a lost device.
    port.on('close', (error: Error | null | undefined) => {
      const lost = error ?? this.#lastError ?? new SerialDisconnectedError(`${port.path} closed unexpectedly`);
      this.#finish(this.#closeRequested ? undefined : lost);
    });
    // Without a listener an 'error' event would crash the process.
    port.on('error', (error: Error) => {
      this.#lastError = error;
    });
  }

  get isOpen(): boolean {
    return !this.#closed && this.#port.isOpen;
  }

  /**
   * Settles once the bytes have left (drained), or with an error once the port is gone. serialport answers neither
   * for a write the port closes under: its drain on a closing port waits for an 'open' that never comes. So a write
   * is settled here when the port closes, and every caller that waits on one (a reply, the next frame, a lock) goes on.
   */
  write(data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.isOpen) {
        reject(new Error(`serial port ${this.#port.path} is closed`));
        return;
      }
      const settle = (error?: Error | null): void => {
        if (!this.#inFlight.delete(settle)) return;
        if (error) reject(error);
        else resolve();
      };
      this.#inFlight.add(settle);
      this.#port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (writeError) => {
        if (writeError) settle(writeError);
        else if (!this.isOpen) settle(this.#closedError());
        else this.#port.drain(settle);
      });
    });
  }

  close(): Promise<void> {
    this.#closeRequested = true;
    if (this.#closed || !this.#port.isOpen) {
      this.#finish(undefined);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // A close that fails leaves nothing to recover; the port is unusable either way.
      this.#port.close(() => {
        this.#finish(undefined);
        resolve();
      });
    });
  }

  #finish(error: Error | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#presenceTimer);
    for (const settle of [...this.#inFlight]) settle(this.#closedError());
    this.emitClose(error);
  }

  #closedError(): Error {
    return this.#lastError ?? new SerialDisconnectedError(`${this.#port.path} closed before the write was sent`);
  }
}

/** Opens a serial port (or one end of a pty pair) as a ByteTransport. */
export async function openSerialTransport(settings: SerialSettings): Promise<ByteTransport> {
  const port = new SerialPort({
    path: settings.path,
    baudRate: settings.baudRate,
    dataBits: settings.dataBits ?? 8,
    parity: settings.parity ?? 'none',
    stopBits: settings.stopBits ?? 1,
    rtscts: settings.rtscts ?? false,
    // Dropping DTR on close is a modem-line ioctl a pty rejects.
    hupcl: !settings.noModemLines,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((error) => (error ? reject(new Error(`cannot open ${settings.path}: ${error.message}`)) : resolve()));
  });
  return new SerialTransport(port);
}
