/**
 * The device words every part of the contract shares (the snapshot, the
 * service catalogue, the dev dock). They sit at the bottom so that nothing
 * here imports its way back up.
 */
export type DeviceClass = 'fingerprint' | 'cardSlot' | 'printer';

/** XFS4IoT-style device status. */
export type DeviceStatus = 'online' | 'offline' | 'hardwareError' | 'busy' | 'noDevice';
