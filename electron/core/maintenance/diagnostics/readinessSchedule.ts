import type { Clock } from '../../../../common/time';
import type { Logger } from '../../log';

interface ReadinessScheduleDeps {
  /** Runs one scheduled report (printed when `print`). */
  run(print: boolean): Promise<unknown>;
  /** A customer is being served, or a technician has the kiosk: a report due now waits until neither is so. */
  busy(): boolean;
  log: Logger;
}

/**
 * The readiness report's schedule (`diagnostics.readinessEveryMinutes`), on
 * the core's clock. A report that falls due while the kiosk is busy (a
 * customer session, maintenance) neither runs nor prints then: it runs at the
 * next idle moment (`idle()`). Runs never overlap: a tick while one is still
 * running is dropped. `configure` with the same settings keeps the rhythm; new
 * settings re-arm it; null stops it.
 */
export class ReadinessSchedule {
  private settings: { minutes: number; print: boolean } | null = null;
  private timer: unknown = null;
  private due = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly deps: ReadinessScheduleDeps,
  ) {}

  configure(minutes: number | null, print: boolean): void {
    if (minutes === this.settings?.minutes && print === this.settings.print) return;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.due = false;
    this.settings = minutes === null ? null : { minutes, print };
    if (this.settings) this.arm(this.settings.minutes);
  }

  /** The kiosk has nobody at it now (a session ended, a technician left): a report that waited runs. */
  idle(): void {
    this.tryRun();
  }

  /** Whether a report waits for the kiosk to be idle. */
  get waiting(): boolean {
    return this.due;
  }

  /** The run under way, if any (specs and shutdown wait for it). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  stop(): void {
    this.configure(null, false);
  }

  private arm(minutes: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (this.settings) this.arm(this.settings.minutes);
      if (this.running) {
        this.deps.log.info({ event: 'readiness.tickSkipped' }, 'scheduled readiness report skipped: the last one is still running');
        return;
      }
      this.due = true;
      this.tryRun();
    }, minutes * 60_000);
  }

  private tryRun(): void {
    if (!this.due || this.running || !this.settings) return;
    if (this.deps.busy()) {
      this.deps.log.debug({ event: 'readiness.deferred' }, 'scheduled readiness report waits for the kiosk to be idle');
      return;
    }
    this.due = false;
    const { print } = this.settings;
    this.running = this.deps
      .run(print)
      .then(() => undefined)
      .catch((error: unknown) => this.deps.log.error({ event: 'readiness.failed', err: error }, 'scheduled readiness report failed'))
      .finally(() => {
        this.running = null;
      });
  }
}
