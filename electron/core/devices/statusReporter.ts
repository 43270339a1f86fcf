import { createNanoEvents } from 'nanoevents';
import type { Logger } from 'pino';
import type { DeviceStatus, ManagedDevice, StatusListener, StatusReason } from './types';

/**
 * A device's current status. Only changes are logged and pushed (the vxsuite
 * way): a reader polled every 200 ms must not write a log line every 200 ms.
 */
export class StatusReporter {
  readonly #device: ManagedDevice;
  readonly #log: Logger;
  readonly #events = createNanoEvents<{ status: StatusListener }>();
  #status: DeviceStatus;

  constructor(device: ManagedDevice, initial: DeviceStatus, log: Logger) {
    this.#device = device;
    this.#status = initial;
    this.#log = log;
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  set(status: DeviceStatus, reason: StatusReason): void {
    if (status === this.#status) return;
    const previous = this.#status;
    this.#status = status;
    this.#log.info({ event: 'device.status', device: this.#device, status, previous, reason }, 'device status changed');
    this.#events.emit('status', this.#device, status, reason);
  }

  onChange(listener: StatusListener): () => void {
    return this.#events.on('status', listener);
  }
}
