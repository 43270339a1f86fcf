import { createNanoEvents } from 'nanoevents';
import type { Logger } from 'pino';
import type { BackoffPolicy } from '../../../common/backoff';
import { backgroundClock, type Clock } from '../../../common/time';
import type { CardSlotTimings } from '../../../drivers/cardSlot/driver';
import type { FingerprintTimeouts } from '../../../drivers/fingerprint/driver';
import type { PrinterTimings } from '../../../drivers/printer/driver';
import { CardSlotDevice } from './cardSlot/device';
import type { CardCleanup } from './cardSlot/types';
import type { DevicesConfig } from './config';
import { FingerprintDevice } from './fingerprint/device';
import { MagstripeDevice, type OpenHid } from './magstripe/device';
import { PrinterDevice } from './printer/device';
import type { OpenSerial } from './serialPort';
import type { DeviceStatus, ManagedDevice, StatusListener } from './types';
import { given } from '../../../common/given';

/**
 * The kiosk's devices, from configuration: one high-level device per class,
 * each reconnecting on its own. Status changes are pushed to listeners (the
 * core forwards them to KioskCore.setDeviceStatus and heartbeats).
 */

export interface DeviceManagerOptions {
  readonly config: DevicesConfig;
  readonly log: Logger;
  /** Schedules reconnects; by default its timers never keep the process alive on their own. */
  readonly clock?: Clock;
  readonly reconnect?: BackoffPolicy;
  readonly openSerial?: OpenSerial;
  readonly openHid?: OpenHid;
  readonly captureTimeoutMs?: number;
  /** Status polling while waiting for a card to arrive or be taken. */
  readonly cardPollMs?: number;
  readonly fingerprintTimeouts?: Partial<FingerprintTimeouts>;
  readonly cardSlotTimings?: Partial<CardSlotTimings>;
  /** Between the printer's status polls while no receipt prints. */
  readonly printerPollMs?: number;
  readonly printerTimings?: Partial<PrinterTimings>;
  readonly today?: () => string;
}

interface SessionCleanup {
  readonly card: CardCleanup;
}

export class DeviceManager {
  readonly fingerprint: FingerprintDevice;
  readonly cardSlot: CardSlotDevice;
  readonly magstripe: MagstripeDevice;
  readonly printer: PrinterDevice;
  readonly #events = createNanoEvents<{ status: StatusListener }>();
  #cleaning: Promise<SessionCleanup> | undefined;

  constructor(options: DeviceManagerOptions) {
    const log = options.log.child({ component: 'devices' });
    const clock = options.clock ?? backgroundClock;
    const shared = { log, clock, ...given({ reconnect: options.reconnect }) };
    const serial = given({ openSerial: options.openSerial });
    this.fingerprint = new FingerprintDevice({
      ...shared,
      ...serial,
      config: options.config.fingerprint,
      ...given({ captureTimeoutMs: options.captureTimeoutMs, readerTimeouts: options.fingerprintTimeouts }),
    });
    this.cardSlot = new CardSlotDevice({ ...shared, ...serial, config: options.config.cardSlot, ...given({ pollMs: options.cardPollMs, timings: options.cardSlotTimings, today: options.today }) });
    this.magstripe = new MagstripeDevice({ ...shared, config: options.config.magstripe, ...given({ openHid: options.openHid, today: options.today }) });
    this.printer = new PrinterDevice({ ...shared, ...serial, config: options.config.printer, ...given({ pollMs: options.printerPollMs, timings: options.printerTimings }) });
    const forward: StatusListener = (device, status, reason) => {
      this.#events.emit('status', device, status, reason);
    };
    for (const device of [this.fingerprint, this.cardSlot, this.magstripe, this.printer]) device.onStatus(forward);
  }

  statuses(): Record<ManagedDevice, DeviceStatus> {
    return { fingerprint: this.fingerprint.status, cardSlot: this.cardSlot.status, magstripe: this.magstripe.status, printer: this.printer.status };
  }

  onStatus(listener: StatusListener): () => void {
    return this.#events.on('status', listener);
  }

  /** Opens every configured device; each goes online when its handshake succeeds. */
  start(): void {
    this.fingerprint.start();
    this.cardSlot.start();
    this.magstripe.start();
    this.printer.start();
  }

  /**
   * After a session: abort captures, hand back or retain the card, close the
   * shutter. Calls while one is running share it.
   */
  clearForNextPerson(): Promise<SessionCleanup> {
    this.#cleaning ??= (async () => {
      const [, card] = await Promise.all([this.fingerprint.clearForNextPerson(), this.cardSlot.clearForNextPerson()]);
      return { card };
    })().finally(() => {
      this.#cleaning = undefined;
    });
    return this.#cleaning;
  }

  async stop(): Promise<void> {
    await Promise.all([this.fingerprint.stop(), this.cardSlot.stop(), this.magstripe.stop(), this.printer.stop()]);
  }
}
