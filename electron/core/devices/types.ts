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
