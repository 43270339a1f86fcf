import { describeXfsError, type XfsError } from '../errors';

/**
 * What the kiosk's journeys see when an ATM device fails: the same few
 * kinds whatever the transport, with a technician's line in `detail` (never
 * card data). XFS4IoT's completion and error codes are read here.
 */

export type AtmDevice = 'cardReader' | 'pinPad' | 'printer';

export type AtmDeviceError =
  /** The device's service is not connected (absent, down, or coming back). */
  | { readonly type: 'unavailable'; readonly device: AtmDevice }
  /** The connection dropped while the device was working. */
  | { readonly type: 'connectionLost'; readonly device: AtmDevice }
  /** The device did not finish in time (its own timeout, or no answer). */
  | { readonly type: 'timeout'; readonly device: AtmDevice }
  /** The caller stopped it. */
  | { readonly type: 'aborted'; readonly device: AtmDevice }
  | { readonly type: 'jammed' }
  | { readonly type: 'noCard' }
  /** The retain bin is full: a card can no longer be kept. */
  | { readonly type: 'binFull' }
  /** A card went in but its stripe gave no usable track 2. */
  | { readonly type: 'unreadableCard'; readonly reason: string }
  | { readonly type: 'paperOut' }
  /** The EPP refused or failed the PIN block (no PIN, key missing, hardware). */
  | { readonly type: 'eppError'; readonly reason: string }
  | { readonly type: 'deviceError'; readonly device: AtmDevice; readonly detail: string };

const CARD_READER_CODES: Readonly<Record<string, AtmDeviceError>> = {
  mediaJam: { type: 'jammed' },
  noMedia: { type: 'noCard' },
  full: { type: 'binFull' },
  retainBinFull: { type: 'binFull' },
};

/** Reads an XFS4IoT failure as a device error. */
export function deviceError(device: AtmDevice, error: XfsError): AtmDeviceError {
  switch (error.type) {
    case 'notConnected':
      return { type: 'unavailable', device };
    case 'connectionLost':
    case 'aborted':
    case 'timeout':
      return { type: error.type, device };
    case 'completion':
      if (error.completionCode === 'canceled') return { type: 'aborted', device };
      if (error.completionCode === 'timeOut') return { type: 'timeout', device };
      break;
    case 'commandError': {
      const code = error.reported ?? error.errorCode;
      if (device === 'cardReader' && CARD_READER_CODES[code]) return CARD_READER_CODES[code];
      if (device === 'printer' && code === 'paperOut') return { type: 'paperOut' };
      break;
    }
    case 'rejected':
    case 'badReply':
      break;
  }
  const detail = describeXfsError(error);
  return device === 'pinPad' && error.command === 'PinPad.GetPinBlock' ? { type: 'eppError', reason: detail } : { type: 'deviceError', device, detail };
}
