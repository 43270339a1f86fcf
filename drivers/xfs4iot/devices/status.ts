import type { XfsService } from '../service';
import type { XfsDeviceState } from '../interfaces/common';
import type { AtmDevice } from './errors';

/**
 * Each ATM device's state in the kiosk's five words (ARCHITECTURE.md,
 * Devices): from Common.Status where the service answers, `offline` where
 * its connection is down, `noDevice` where the publisher has no such service.
 */

export type AtmDeviceState = 'online' | 'offline' | 'hardwareError' | 'busy' | 'noDevice';

export interface AtmStatus {
  readonly cardReader: AtmDeviceState;
  readonly pinPad: AtmDeviceState;
  readonly printer: AtmDeviceState;
  /** Cards in the retain bin, when the card reader answered. */
  readonly retainBin?: { readonly count: number; readonly capacity?: number; readonly full: boolean };
  readonly receiptPaper?: 'full' | 'low' | 'out' | 'unknown';
}

export const STATE_OF: Readonly<Record<XfsDeviceState, AtmDeviceState>> = {
  online: 'online',
  offline: 'offline',
  powerOff: 'offline',
  starting: 'offline',
  noDevice: 'noDevice',
  hardwareError: 'hardwareError',
  userError: 'hardwareError',
  fraudAttempt: 'hardwareError',
  potentialFraud: 'hardwareError',
  deviceBusy: 'busy',
};

export async function stateOf(service: XfsService | undefined): Promise<{ state: AtmDeviceState; paper?: AtmStatus['receiptPaper'] }> {
  if (!service) return { state: 'noDevice' };
  const status = await service.command('Common.Status', {});
  if (!status.ok) return { state: 'offline' };
  const paper = status.value.printer?.paper?.upper;
  const receiptPaper = paper === 'full' || paper === 'low' || paper === 'out' ? paper : paper ? 'unknown' : undefined;
  return { state: STATE_OF[status.value.common.device], ...(receiptPaper ? { paper: receiptPaper } : {}) };
}

async function retainBinOf(service: XfsService | undefined): Promise<AtmStatus['retainBin']> {
  const storage = await service?.command('Storage.GetStorage', {});
  if (!storage?.ok) return undefined;
  const unit = Object.values(storage.value.storage).find((value) => value.card?.capabilities.type === 'retain');
  if (!unit?.card) return undefined;
  const { count, replenishmentStatus } = unit.card.status;
  return { count, ...(unit.capacity === undefined ? {} : { capacity: unit.capacity }), full: replenishmentStatus === 'full' };
}

export async function readAtmStatus(serviceOf: (device: AtmDevice) => XfsService | undefined): Promise<AtmStatus> {
  const [cardReader, pinPad, printer, retainBin] = await Promise.all([
    stateOf(serviceOf('cardReader')),
    stateOf(serviceOf('pinPad')),
    stateOf(serviceOf('printer')),
    retainBinOf(serviceOf('cardReader')),
  ]);
  return {
    cardReader: cardReader.state,
    pinPad: pinPad.state,
    printer: printer.state,
    ...(retainBin ? { retainBin } : {}),
    ...(printer.paper ? { receiptPaper: printer.paper } : {}),
  };
}
