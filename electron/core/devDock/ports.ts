import type { DevDockPendingActivation } from '../../contract/devDockAtm';
import type { DevDockCentralFaultMode, DevDockSms } from '../../contract/devDockLab';
import type { DeviceStatus } from '../../contract';
import type { AtmStation } from '../../../drivers/lab/atmStation';
import type { Lab } from '../../../drivers/lab/lab';

/**
 * What the dev dock reaches, in process: the simulated lab, the kiosk's
 * device manager (read only) and the embedded reference central. Narrow on
 * purpose, so specs can bind any of them and nothing else leaks in.
 */

export type DevDockLab = Pick<Lab, 'population' | 'card' | 'cards' | 'fingerprint' | 'cardSlot' | 'magstripe' | 'state'> & Partial<Pick<Lab, 'printer'>>;

/** The lab's ATM station (ATM mode): a person at the ATM, its fault switch, the bank host's decisions. */
export type DevDockAtm = Pick<AtmStation, 'control'>;

export interface DevDockDevices {
  /** `printer`: the kiosk's receipt printer, where the manager has one. */
  statuses(): { fingerprint: DeviceStatus; cardSlot: DeviceStatus; magstripe: DeviceStatus; printer?: DeviceStatus };
}

export interface CentralFaultSetting {
  mode: DevDockCentralFaultMode;
  rate?: number | undefined;
  delayMs?: number | undefined;
}

export interface DevDockCentral {
  /** Newest first. */
  recentSms(limit: number): Promise<DevDockSms[]>;
  setFault(setting: CentralFaultSetting): CentralFaultSetting;
  fault(): CentralFaultSetting;
  /** Accounts in pending_bank, oldest request first. */
  pendingBankActivations(): Promise<DevDockPendingActivation[]>;
  /** Completes every pending_bank activation now, with its SMS; answers how many. */
  runBankActivations(): Promise<number>;
}

/** The clocks the dock may skip ahead: the core's (demo) clock and, when one runs, the embedded central's. */
export interface DevDockTime {
  /** Moves both clocks `ms` forward together. */
  skip(ms: number): void;
}
