import type { CardSlotError } from '../../../../drivers/cardSlot/driver';
import type { DeviceOperationError } from '../types';

/** What a flow is told when the card slot could not do what it asked. */
export type CardSlotDeviceError =
  | DeviceOperationError
  | { readonly type: 'timeout' }
  | { readonly type: 'disconnected' }
  | { readonly type: 'noAnswer' }
  | { readonly type: 'noCard' }
  | { readonly type: 'jammed' }
  /** The rear bin is full: cards can no longer be retained. */
  | { readonly type: 'binFull' }
  /** The reader could not do this with this card (read error, card too short, moved by force…). */
  | { readonly type: 'cardError'; readonly code: string; readonly message: string }
  | { readonly type: 'deviceError'; readonly detail: string };

/**
 * What a driver error means for the device: the error a flow gets and,
 * where the reader is at fault, what becomes of the device's status — the
 * link reset (the reader stopped answering) or a hardware error (jam, full
 * bin, mechanical fault) a technician must clear.
 */
interface CardSlotFailure {
  readonly error: CardSlotDeviceError;
  readonly fault?: { readonly reset: 'noAnswer' } | { readonly hardware: 'jam' | 'binFull' | 'deviceFault' };
}

export function cardSlotFailure(error: CardSlotError): CardSlotFailure {
  switch (error.type) {
    case 'disconnected':
      return { error: { type: 'disconnected' } };
    case 'aborted':
      return { error: { type: 'aborted' } };
    case 'noAck':
    case 'timeout':
      return { error: { type: 'noAnswer' }, fault: { reset: 'noAnswer' } };
    case 'garbled':
      return { error: { type: 'deviceError', detail: `reply garbled after ${error.naks} NAKs` } };
    case 'protocol':
      return { error: { type: 'deviceError', detail: error.reason } };
    case 'wrongPosition':
      return { error: error.position === 'noCard' ? { type: 'noCard' } : { type: 'cardError', code: 'position', message: `the card is ${error.position}` } };
    case 'cardNotTaken':
      return { error: { type: 'cardError', code: '46', message: 'ejected card not taken in time' } };
    case 'reader': {
      const { code, message } = error.error;
      switch (code) {
        case '02':
          return { error: { type: 'noCard' } };
        case '10':
        case '11':
          return { error: { type: 'jammed' }, fault: { hardware: 'jam' } };
        case '50':
          return { error: { type: 'binFull' }, fault: { hardware: 'binFull' } };
        case '30':
          return { error: { type: 'deviceError', detail: message }, fault: { hardware: 'deviceFault' } };
        default:
          return { error: { type: 'cardError', code, message } };
      }
    }
  }
}
