/**
 * The device words every part of the contract shares (the snapshot, the
 * service catalogue, the dev dock). They sit at the bottom so that nothing
 * here imports its way back up.
 */
export type DeviceClass = 'fingerprint' | 'cardSlot' | 'printer';

/**
 * Devices only a bank ATM has: the EPP (XFS4IoT Keyboard + PinPad). In ATM
 * mode `cardSlot` is the ATM's motorised card reader and `printer` its
 * receipt printer; a government kiosk's snapshot has no `pinPad`.
 */
export type AtmDeviceClass = 'pinPad';
export type AnyDeviceClass = DeviceClass | AtmDeviceClass;

/** XFS4IoT-style device status. */
export type DeviceStatus = 'online' | 'offline' | 'hardwareError' | 'busy' | 'noDevice';

/** Every device's status; the ATM's own ones only in ATM mode. */
export type DeviceStatuses = Record<DeviceClass, DeviceStatus> & Partial<Record<AtmDeviceClass, DeviceStatus>>;
