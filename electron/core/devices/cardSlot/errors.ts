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

const jammed = (): CardSlotFailure => ({ error: { type: 'jammed' }, fault: { hardware: 'jam' } });

/** The reader's codes that are not about this card (DEVICES.md §2): no card at all, or the reader itself at fault. */
const READER_FAULTS: Readonly<Record<string, (message: string) => CardSlotFailure>> = {
  '02': () => ({ error: { type: 'noCard' } }),
  '10': jammed,
  '11': jammed,
  '30': (message) => ({ error: { type: 'deviceError', detail: message }, fault: { hardware: 'deviceFault' } }),
  '50': () => ({ error: { type: 'binFull' }, fault: { hardware: 'binFull' } }),
};

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
      // Any other code is about this card (a read error, a card too short, one moved by force…): the device is fine.
      const fault = Object.hasOwn(READER_FAULTS, code) ? READER_FAULTS[code] : undefined;
      return fault ? fault(message) : { error: { type: 'cardError', code, message } };
    }
  }
}
