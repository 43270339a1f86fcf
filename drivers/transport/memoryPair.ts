import { ListenedTransport } from './listenedTransport';
import type { ByteTransport } from './types';

class MemoryEnd extends ListenedTransport {
  peer: MemoryEnd | undefined;
  #open = true;

  get isOpen(): boolean {
    return this.#open;
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.#open) throw new Error('memory transport is closed');
    const peer = this.peer;
    // A copy, so a writer reusing its buffer cannot change bytes "on the wire".
    const chunk = Uint8Array.from(data);
    // Delivered on a later macrotask, as a real port would: a reply must
    // never reach a listener inside the write call that caused it.
    setImmediate(() => {
      if (peer?.isOpen) peer.deliver(chunk);
    });
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.shutDown(undefined);
    // The far end sees the line go dead, as a host sees an unplugged device.
    this.peer?.shutDown(new Error('peer closed the memory transport'));
  }

  deliver(chunk: Uint8Array): void {
    this.emitData(chunk);
  }

  shutDown(error: Error | undefined): void {
    if (!this.#open) return;
    this.#open = false;
    this.emitClose(error);
  }
}

/** Two connected in-memory ends: what one writes, the other receives. */
export function createMemoryPair(): [ByteTransport, ByteTransport] {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
