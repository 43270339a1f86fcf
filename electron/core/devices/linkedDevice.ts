import type { Logger } from 'pino';
import type { ConnectionChange, DeviceConnection, Link } from './connection';
import { OperationSlot } from './operation';
import { StatusReporter } from './statusReporter';
import type { DeviceStatus, ManagedDevice, StatusListener } from './types';

/**
 * What every high-level device shares: a status that follows its link
 * (reported only when it changes), one operation at a time, start/stop and
 * "wait for the first connection". Subclasses add what a flow asks of them.
 */
/** What every device is made with: its configuration (null: not fitted on this kiosk) and the log. */
interface LinkedDeviceOptions {
  readonly config: object | null;
  readonly log: Logger;
}

export abstract class LinkedDevice<L extends Link, Driver, Options extends LinkedDeviceOptions> {
  protected readonly log: Logger;
  protected readonly options: Options;
  protected readonly reporter: StatusReporter;
  protected readonly operation = new OperationSlot();
  /** Set by the subclass's constructor; undefined when the device is not fitted. */
  protected connection: DeviceConnection<L, Driver> | undefined;

  protected constructor(device: ManagedDevice, options: Options) {
    this.options = options;
    this.log = options.log.child({ device });
    this.reporter = new StatusReporter(device, options.config !== null ? 'offline' : 'noDevice', this.log);
  }

  /** The device's configuration; null when it is not fitted on this kiosk. */
  protected get config(): Options['config'] {
    return this.options.config;
  }

  get status(): DeviceStatus {
    return this.reporter.status;
  }

  onStatus(listener: StatusListener): () => void {
    return this.reporter.onChange(listener);
  }

  start(): void {
    this.connection?.start();
  }

  /** Resolves with the outcome of the next connection attempt (at once when connected). */
  awaitConnection(): Promise<ConnectionChange> {
    return this.connection?.nextChange() ?? Promise.resolve({ kind: 'down', reason: 'notConfigured' });
  }

  async stop(): Promise<void> {
    await this.operation.abort();
    await this.connection?.stop();
    if (this.connection) this.reporter.set('offline', 'stopped');
  }

  /** A connected device is online (busy while an operation runs); a refused handshake is a hardware error. */
  protected reportConnection(change: ConnectionChange): void {
    if (change.kind === 'connected') this.reporter.set(this.operation.isRunning ? 'busy' : 'online', 'connected');
    else this.reporter.set(change.reason === 'handshakeRefused' ? 'hardwareError' : 'offline', change.reason);
  }
}
