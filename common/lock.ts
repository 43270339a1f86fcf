/**
 * One at a time, in arrival order: each job starts when the one before it has
 * settled. A job that fails does not stop the ones behind it; its caller gets
 * the rejection. Used for a device's command exchanges and the store's writes.
 */
export class SerialLock {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(job);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Holds the lock until the returned release is called (for a section that is not one promise). */
  acquire(): Promise<() => void> {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const granted = this.#tail.then(() => release);
    this.#tail = granted.then(() => held);
    return granted;
  }

  /** Resolves once everything queued so far has settled. */
  idle(): Promise<void> {
    return this.#tail.then(() => undefined);
  }
}
