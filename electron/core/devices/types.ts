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

export type StatusListener = (device: ManagedDevice, status: DeviceStatus, reason: StatusReason) => void;
