import { createNanoEvents } from 'nanoevents';
import type { ByteTransport } from './types';

type DataListener = (chunk: Uint8Array) => void;
type CloseListener = (error?: Error) => void;

/**
 * The listening half every ByteTransport shares: received bytes go to each
 * data listener; the close is told once, after which nobody is listening.
 */
export abstract class ListenedTransport implements ByteTransport {
  readonly #events = createNanoEvents<{ data: DataListener; close: CloseListener }>();

  abstract readonly isOpen: boolean;
  abstract write(data: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  onData(listener: DataListener): () => void {
    return this.#events.on('data', listener);
  }

  onClose(listener: CloseListener): () => void {
    return this.#events.on('close', listener);
  }

  protected emitData(chunk: Uint8Array): void {
    this.#events.emit('data', chunk);
  }

  /** Tells every close listener (`error`: the line was lost) and drops them all; call it once. */
  protected emitClose(error: Error | undefined): void {
    const listeners = this.#events.events.close ?? [];
    this.#events.events = {};
    for (const listener of listeners) listener(error);
  }
}
