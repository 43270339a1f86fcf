/** The device layer flows use: statuses and operations, no bytes. */
export { DeviceManager } from './manager';
export { devicesConfigSchema } from './config';
export { type CaptureRequest, type FingerprintDeviceError } from './fingerprint/device';
/** How long a person has to put a finger down when a capture does not say (the fingerprint driver's one default). */
export { DEFAULT_CAPTURE_TIMEOUT_MS } from '../../../drivers/fingerprint/driver';
export { type PersonGuidance } from './fingerprint/guidance';
export { type CapturePackage, type CaptureSigner, type SignedCapturePackage } from './fingerprint/capturePackage';
export { type CardSlotDeviceError } from './cardSlot/errors';
export { type RemovalOutcome } from './cardSlot/types';
export { PrinterDevice, type PrintDone, type PrintFailure, type PrinterCondition } from './printer/device';
export { type CardHolderIdentity } from './cardIdentity';
export { type ConnectionChange } from './connection';
