import type { DeviceStatus } from '../../contract';

export type { DeviceStatus };

/** The devices the manager looks after. `magstripe` is the MagTek HID reader, not a class the contract knows yet. */
export type ManagedDevice = 'fingerprint' | 'cardSlot' | 'magstripe' | 'printer';

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
  /** The receipt printer's paper ran out, or its cover is open: a person fixes it, the kiosk serves on. */
  | 'paperOut'
  | 'coverOpen'
  | 'stopped';

/**
 * What any device operation may answer before the device is asked: not
 * usable now (its status says why), another operation running, or stopped
 * by its caller. Each device adds what its own hardware can answer.
 */
export type DeviceOperationError =
  | { readonly type: 'unavailable'; readonly status: DeviceStatus }
  | { readonly type: 'busy' }
  | { readonly type: 'aborted' };

export type StatusListener = (device: ManagedDevice, status: DeviceStatus, reason: StatusReason) => void;
