import type { DeviceStatus } from '../../contract';

export type { DeviceStatus };

/** The devices the manager looks after. `magstripe` is the MagTek HID reader, not a class the contract knows yet. */
export type ManagedDevice = 'fingerprint' | 'cardSlot' | 'magstripe';

/** Why a status was entered, for the log and a technician; never PII. */
export type StatusReason =
  | 'notConfigured'
  | 'started'
  | 'connected'
  | 'portMissing'
  | 'openFailed'
  | 'unplugged'
  | 'noAnswer'
  | 'handshakeRefused'
  | 'operationStarted'
  | 'operationEnded'
  | 'jam'
  | 'binFull'
  | 'deviceFault'
  | 'stopped';

export type StatusListener = (device: ManagedDevice, status: DeviceStatus, reason: StatusReason) => void;

/** Timers the manager schedules reconnects with; tests pass a fake or a recording one. */
export interface DeviceTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: DeviceTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending reconnect never keeps the process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
