/** The device layer flows use: statuses and operations, no bytes. */
export { DeviceManager, type DeviceManagerOptions, type SessionCleanup } from './manager';
export { devicesConfigSchema, type DevicesConfig, type DevicesConfigInput } from './config';
export { FingerprintDevice, type CaptureRequest, type FingerprintDeviceError, type FingerprintInfo } from './fingerprint/device';
/** How long a person has to put a finger down when a capture does not say (the fingerprint driver's one default). */
export { DEFAULT_CAPTURE_TIMEOUT_MS } from '../../../drivers/fingerprint/driver';
export { type PersonGuidance } from './fingerprint/guidance';
export { CAPTURE_FORMAT, type CapturePackage, type CaptureSigner, type CaptureSigningContext, type SignedCapturePackage } from './fingerprint/capturePackage';
export { CardSlotDevice, type CardCleanup, type CardSlotDeviceError, type RemovalOutcome } from './cardSlot/device';
export { MagstripeDevice, type SwipeError } from './magstripe/device';
export { PrinterDevice, type PrintDone, type PrintFailure, type PrinterCondition, type PrinterCounters } from './printer/device';
export { type CardHolderIdentity, maskPan } from './cardIdentity';
export { type ConnectionChange, DEFAULT_RECONNECT } from './connection';
export { type DeviceStatus, type ManagedDevice, type StatusListener, type StatusReason } from './types';
