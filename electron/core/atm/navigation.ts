import type { BackoffPolicy } from '../../../common/backoff';
import { backoffDelay } from '../../../common/backoff';
import { sleep } from '../../../common/time';
import type { Clock } from '../../../common/time';
import type { AtmDevicesApi, NavigationKey } from '../../../drivers/xfs4iot/atm';
import type { Logger } from '../log';

/**
 * The keys beside the screen: while a screen waits for the person's choice
 * (and the kiosk asks for it), one Keyboard.DataEntry on the EPP reports
 * each FDK, Enter, Cancel and Clear — never a digit: no digit key is active.
 * The EPP does one thing at a time (its service queues commands), so the
 * navigation entry is ended before the PIN entry or the PIN block, and
 * starts again only when both are over and the kiosk still wants it.
 */
export class EppNavigation {
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #backoff: BackoffPolicy;
  readonly #onKey: (key: NavigationKey) => void;
  #devices: AtmDevicesApi | null = null;
  #wanted = false;
  #stopped = false;
  /** PIN entries and PIN blocks under way: the EPP is theirs. */
  #eppInUse = 0;
  #run: { readonly stop: AbortController; readonly done: Promise<void> } | undefined;

  constructor(options: { log: Logger; clock: Clock; backoff: BackoffPolicy; onKey: (key: NavigationKey) => void }) {
    this.#log = options.log;
    this.#clock = options.clock;
    this.#backoff = options.backoff;
    this.#onKey = options.onKey;
  }

  /** The ATM's devices, once connected. */
  attach(devices: AtmDevicesApi): void {
    this.#devices = devices;
    this.#kick();
  }

  /** Whether the screen takes keys now; off ends the entry at once. */
  setWanted(on: boolean): void {
    this.#wanted = on;
    if (on) this.#kick();
    else this.#run?.stop.abort();
  }

  /** Runs an EPP operation with the keyboard to itself: the navigation entry ends first and resumes after, if still wanted. */
  async withEpp<T>(operation: () => Promise<T>): Promise<T> {
    this.#eppInUse += 1;
    const run = this.#run;
    run?.stop.abort();
    await run?.done;
    try {
      return await operation();
    } finally {
      this.#eppInUse -= 1;
      this.#kick();
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#run?.stop.abort();
    await this.#run?.done;
  }

  #kick(): void {
    const devices = this.#devices;
    if (!devices || !this.#wanted || this.#eppInUse > 0 || this.#run || this.#stopped) return;
    const stop = new AbortController();
    const run = { stop, done: this.#navigate(devices, stop.signal) };
    this.#run = run;
    void run.done.finally(() => {
      if (this.#run === run) this.#run = undefined;
      this.#kick();
    });
  }

  async #navigate(devices: AtmDevicesApi, signal: AbortSignal): Promise<void> {
    for (let failures = 0; !signal.aborted; ) {
      const ended = await devices.navigationKeys({ onKey: (key) => this.#onKey(key), signal });
      if (signal.aborted) return;
      // Ended without being asked to (the service failed, or something else took the keyboard): try again, later each time.
      failures += 1;
      if (failures === 1 || failures % 10 === 0) {
        this.#log.warn({ event: 'atm.navigationEnded', error: ended.ok ? 'ended' : ended.error.type, failures }, 'the EPP stopped reporting the screen’s keys');
      }
      await sleep(backoffDelay(this.#backoff, failures - 1), { signal, clock: this.#clock });
    }
  }
}
