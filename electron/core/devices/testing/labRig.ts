import pino from 'pino';
import { backgroundClock, type Clock, sleep } from '../../../../common/time';
import { type Lab, LAB_PRINTER_BAUD, startLab } from '../../../../drivers/lab/lab';
import { DeviceManager, type DeviceManagerOptions } from '../manager';
import type { DeviceStatus, ManagedDevice } from '../types';

/**
 * A device manager wired to a fresh simulated lab over real ptys, for specs.
 * Reconnect delays are short and recorded, so a spec can check the backoff
 * without timing anything.
 */

export interface StatusChange {
  readonly device: ManagedDevice;
  readonly status: DeviceStatus;
}

export interface LabRig {
  readonly lab: Lab;
  readonly devices: DeviceManager;
  /** Every status change pushed by the manager, in order. */
  readonly changes: StatusChange[];
  /** Every reconnect delay the manager asked for, in order. */
  readonly reconnectDelays: number[];
  control(path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

interface LabRigOptions {
  /** Fit the lab's receipt printer too (prints at once: no print speed to wait for). */
  readonly printer?: boolean;
}

export async function startLabRig(options: Partial<DeviceManagerOptions> = {}, rig: LabRigOptions = {}): Promise<LabRig> {
  const lab = await startLab(rig.printer ? { printer: { rowsPerSecond: Infinity } } : {});
  const reconnectDelays: number[] = [];
  const clock: Clock = {
    ...backgroundClock,
    setTimeout: (fn, ms) => {
      reconnectDelays.push(ms);
      return backgroundClock.setTimeout(fn, ms);
    },
  };
  const devices = new DeviceManager({
    config: {
      fingerprint: { path: lab.devices.fingerprint, baudRate: 57600, noModemLines: true, deviceId: 'lab-fingerprint' },
      cardSlot: { path: lab.devices.cardSlot, baudRate: 38400, noModemLines: true },
      magstripe: null,
      printer: rig.printer ? { path: lab.devices.printer, baudRate: LAB_PRINTER_BAUD, noModemLines: true, widthDots: 576 } : null,
    },
    log: pino({ level: 'silent' }),
    clock,
    reconnect: { baseMs: 20, capMs: 160, jitter: 'none' },
    captureTimeoutMs: 8_000,
    cardPollMs: 30,
    ...options,
  });
  const changes: StatusChange[] = [];
  devices.onStatus((device, status) => changes.push({ device, status }));
  devices.start();
  return {
    lab,
    devices,
    changes,
    reconnectDelays,
    async control(path, body) {
      const response = await fetch(`${lab.controlUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    async close() {
      await devices.stop();
      await lab.close();
    },
  };
}

/** Resolves once `check` holds; polls a bounded number of times (the spec's own timeout is the real bound). */
export async function eventually(check: () => boolean, what: string, attempts = 400, everyMs = 25): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (check()) return;
    await sleep(everyMs);
  }
  throw new Error(`never happened: ${what}`);
}

/** Inserts a card as soon as the kiosk opens the shutter, as a person waiting at the slot would. */
export async function insertWhenOpen(rig: LabRig, cardId: string): Promise<void> {
  await eventually(() => rig.lab.cardSlot.simulator.entryMode !== 'disabled', 'the shutter opens');
  const reply = await rig.control('/card/insert', { card: cardId });
  if (reply.status !== 200) throw new Error(`insert refused: ${JSON.stringify(reply.body)}`);
}
