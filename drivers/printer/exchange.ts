import { SerialLock } from '../../common/lock';
import { sleep } from '../../common/time';
import { InputDeadline } from '../transport/pendingInput';
import type { ByteTransport } from '../transport/types';

type ReadOutcome = { readonly kind: 'byte'; readonly byte: number } | { readonly kind: 'timeout' } | { readonly kind: 'closed' };

/**
 * The ESC/POS line under ReceiptPrinter: one job or status round at a time
 * (one lock), so a status request can never land inside a job's bytes. The
 * printer only ever answers single bytes (status) or the three of DLE DC4's
 * answer; they queue here until the running round reads them.
 */
export class PrinterLink {
  readonly #transport: ByteTransport;
  readonly #lock = new SerialLock();
  readonly #unsubscribe: (() => void)[] = [];
  #inbox: number[] = [];
  #closed: boolean;
  #wake: (() => void) | undefined;

  constructor(transport: ByteTransport) {
    this.#transport = transport;
    this.#closed = !transport.isOpen;
    this.#unsubscribe.push(
      transport.onData((chunk) => {
        for (const byte of chunk) this.#inbox.push(byte);
        // A printer answers a byte or three; a flood would be a broken line, not something to keep.
        if (this.#inbox.length > 4096) this.#inbox.splice(0, this.#inbox.length - 4096);
        this.#wake?.();
      }),
      transport.onClose(() => {
        this.#closed = true;
        this.#wake?.();
      }),
    );
  }

  get isConnected(): boolean {
    return !this.#closed;
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#closed = true;
    this.#wake?.();
  }

  /** Runs `round` after every round queued before it, alone on the line. */
  exclusive<T>(round: () => Promise<T>): Promise<T> {
    return this.#lock.run(round);
  }

  /** Forgets whatever the printer sent that nobody read (late or stray answers). */
  flush(): void {
    this.#inbox = [];
  }

  /** False when the port is gone (or goes while writing). */
  async write(bytes: Uint8Array): Promise<boolean> {
    if (this.#closed) return false;
    try {
      await this.#transport.write(bytes);
      return !this.#closed;
    } catch {
      // A write that fails is the port going away; onClose may follow, but the printer is gone from now on.
      this.#closed = true;
      return false;
    }
  }

  /**
   * Like `write`, bounded: `stalled` when the port has not taken the bytes within `ms` (a printer holding the line
   * busy, a link that stopped moving), so a job can never wait on the cable for ever. The write itself goes on; the
   * caller resets the link.
   */
  async writeWithin(bytes: Uint8Array, ms: number): Promise<'sent' | 'closed' | 'stalled'> {
    const stall = new AbortController();
    const written = this.write(bytes).then((sent): 'sent' | 'closed' => (sent ? 'sent' : 'closed'));
    const stalled = sleep(ms, { signal: stall.signal }).then((): 'stalled' => 'stalled');
    try {
      return await Promise.race([written, stalled]);
    } finally {
      stall.abort();
    }
  }

  /** The next received byte that `accept` takes (others are dropped), before `deadline` (performance.now()). */
  async nextByte(deadline: number, accept: (byte: number) => boolean = () => true): Promise<ReadOutcome> {
    // Past the deadline, an answer already waiting (the process stalled while it came) is read before "timeout".
    const wait = new InputDeadline(deadline);
    for (;;) {
      while (this.#inbox.length > 0) {
        const byte = this.#inbox.shift() ?? 0;
        if (accept(byte)) return { kind: 'byte', byte };
      }
      if (this.#closed) return { kind: 'closed' };
      if (wait.expired) return { kind: 'timeout' };
      const woken = new AbortController();
      this.#wake = () => woken.abort();
      await wait.pause(woken.signal);
      this.#wake = undefined;
    }
  }
}
