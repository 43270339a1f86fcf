import type { ByteTransport } from './types';

type DataListener = (chunk: Uint8Array) => void;
type CloseListener = (error?: Error) => void;

/**
 * The listening half every ByteTransport shares: received bytes go to each
 * data listener; the close is told once, after which nobody is listening.
 */
export abstract class ListenedTransport implements ByteTransport {
  readonly #dataListeners = new Set<DataListener>();
  readonly #closeListeners = new Set<CloseListener>();

  abstract readonly isOpen: boolean;
  abstract write(data: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  onData(listener: DataListener): () => void {
    this.#dataListeners.add(listener);
    return () => this.#dataListeners.delete(listener);
  }

  onClose(listener: CloseListener): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  protected emitData(chunk: Uint8Array): void {
    for (const listener of [...this.#dataListeners]) listener(chunk);
  }

  /** Tells every close listener (`error`: the line was lost) and drops them all; call it once. */
  protected emitClose(error: Error | undefined): void {
    const listeners = [...this.#closeListeners];
    this.#closeListeners.clear();
    this.#dataListeners.clear();
    for (const listener of listeners) listener(error);
  }
}
