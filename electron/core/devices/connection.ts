import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy } from '../../../common/backoff';
import type { Result } from '../../../common/result';
import type { Clock } from '../../../common/time';
import type { StatusReason } from './types';

/**
 * Keeps one device connected: opens its port, runs its handshake, notices the
 * port going away, and tries again with exponential backoff until stopped.
 * Knows nothing of the protocol; the device supplies `open` and `handshake`.
 */

/** Serial ports and HID devices both look like this to the supervisor. */
export interface Link {
  readonly isOpen: boolean;
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

export type OpenFailure = 'portMissing' | 'openFailed';
export type HandshakeFailure = 'noAnswer' | 'handshakeRefused' | 'unplugged';

interface ConnectionHooks<L extends Link, D> {
  open(): Promise<Result<L, OpenFailure>>;
  /** Builds the driver on the open link and runs the device's handshake; `first` is false after a reconnect. */
  handshake(link: L, first: boolean): Promise<Result<D, HandshakeFailure>>;
  /** Lets the driver go (it no longer listens to the link). */
  release(driver: D): void;
}

/** No jitter: a kiosk has one of each device, so there is no herd to spread. */
const DEFAULT_RECONNECT: BackoffPolicy = { baseMs: 250, capMs: 10_000, jitter: 'none' };

export type ConnectionChange = { readonly kind: 'connected' } | { readonly kind: 'down'; readonly reason: StatusReason };

interface ConnectionOptions {
  /** Schedules reconnects; tests pass a fake or a recording one. */
  readonly clock: Clock;
  readonly reconnect?: BackoffPolicy;
  readonly log: Logger;
  readonly onChange: (change: ConnectionChange) => void;
}

export class DeviceConnection<L extends Link, D> {
  readonly #hooks: ConnectionHooks<L, D>;
  readonly #options: ConnectionOptions;
  readonly #policy: BackoffPolicy;
  #link: L | undefined;
  #driver: D | undefined;
  #unwatch: (() => void) | undefined;
  #timer: unknown;
  #failures = 0;
  #connectedOnce = false;
  #running = false;
  #attempting: Promise<void> | undefined;
  #waiters: ((change: ConnectionChange) => void)[] = [];

  constructor(hooks: ConnectionHooks<L, D>, options: ConnectionOptions) {
    this.#hooks = hooks;
    this.#options = options;
    this.#policy = options.reconnect ?? DEFAULT_RECONNECT;
  }

  get driver(): D | undefined {
    return this.#driver;
  }

  /** Failed attempts since the last success; the next delay grows with it. */
  get failures(): number {
    return this.#failures;
  }

  /** The outcome of the next attempt (at once if connected): for tools that connect once and report. */
  nextChange(): Promise<ConnectionChange> {
    if (this.#driver !== undefined) return Promise.resolve({ kind: 'connected' });
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#attemptNow();
  }

  /**
   * The device stopped answering on a port that is still there: drop the link
   * and connect again, so the handshake (password, Initialize) runs anew.
   */
  reset(reason: StatusReason): void {
    if (!this.#running || !this.#link) return;
    this.#drop(reason);
    void this.#closeQuietly(this.#link);
    this.#link = undefined;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#attempting;
    const link = this.#link;
    this.#releaseDriver();
    this.#link = undefined;
    if (link) await this.#closeQuietly(link);
  }

  #attemptNow(): void {
    this.#timer = undefined;
    this.#attempting = this.#attempt()
      // A hook that throws instead of answering a Result (a port library's own error): a failed attempt, tried again
      // with backoff — never an unhandled rejection, which would end the core.
      .catch((error: unknown) => {
        this.#options.log.warn({ event: 'device.attempt.threw', error: error instanceof Error ? error.message : String(error) }, 'device connection attempt threw');
        if (this.#running && this.#link === undefined) this.#failed('openFailed');
      })
      .finally(() => {
        this.#attempting = undefined;
      });
  }

  async #attempt(): Promise<void> {
    if (!this.#running) return;
    const opened = await this.#hooks.open();
    if (!opened.ok) return this.#failed(opened.error);
    const link = opened.value;
    if (!this.#running) return this.#closeQuietly(link);
    const shaken = await this.#hooks.handshake(link, !this.#connectedOnce);
    if (!shaken.ok || !link.isOpen || !this.#running) {
      if (shaken.ok) this.#hooks.release(shaken.value);
      await this.#closeQuietly(link);
      if (!this.#running) return;
      return this.#failed(shaken.ok ? 'unplugged' : shaken.error);
    }
    this.#link = link;
    this.#driver = shaken.value;
    this.#failures = 0;
    this.#connectedOnce = true;
    this.#unwatch = link.onClose(() => {
      if (this.#link !== link) return;
      this.#link = undefined;
      this.#drop('unplugged');
      if (this.#running) this.#schedule();
    });
    this.#emit({ kind: 'connected' });
  }

  #failed(reason: StatusReason): void {
    this.#emit({ kind: 'down', reason });
    this.#schedule();
  }

  #drop(reason: StatusReason): void {
    this.#releaseDriver();
    this.#emit({ kind: 'down', reason });
  }

  #emit(change: ConnectionChange): void {
    this.#options.onChange(change);
    for (const resolve of this.#waiters.splice(0)) resolve(change);
  }

  #releaseDriver(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    if (this.#driver !== undefined) this.#hooks.release(this.#driver);
    this.#driver = undefined;
  }

  #schedule(): void {
    if (!this.#running || this.#timer !== undefined) return;
    const delay = backoffDelay(this.#policy, this.#failures);
    this.#failures += 1;
    this.#options.log.debug({ event: 'device.reconnect.scheduled', delayMs: delay, attempt: this.#failures }, 'reconnect scheduled');
    this.#timer = this.#options.clock.setTimeout(() => this.#attemptNow(), delay);
  }

  async #closeQuietly(link: Link): Promise<void> {
    // A link that is already gone has nothing left to close.
    if (link.isOpen) await link.close().catch(() => undefined);
  }
}
