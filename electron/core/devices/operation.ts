/**
 * One flow-facing operation at a time per device, abortable as a whole: the
 * caller's signal and a session end both stop it. `busy` is reported while
 * it runs.
 */
export class OperationSlot {
  #controller: AbortController | undefined;
  #running: Promise<unknown> | undefined;

  get isRunning(): boolean {
    return this.#running !== undefined;
  }

  /** Runs `work` unless another operation is running (then `undefined`). */
  run<T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> | undefined {
    if (this.#running) return undefined;
    const controller = new AbortController();
    const forward = (): void => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', forward, { once: true });
    this.#controller = controller;
    const running = work(controller.signal).finally(() => {
      signal?.removeEventListener('abort', forward);
      if (this.#running === running) {
        this.#running = undefined;
        this.#controller = undefined;
      }
    });
    this.#running = running;
    return running;
  }

  /** Aborts what is running and waits until it has let go of the device. */
  async abort(): Promise<void> {
    this.#controller?.abort();
    await this.#running?.catch(() => undefined);
  }
}
