import type { Logger } from 'pino';
import type { BackoffPolicy } from '../../../../common/backoff';
import type { TechnicianSecretError } from '../../../../common/rules/technicianCardSecret';
import type { Clock } from '../../../../common/time';
import type { ClassifyConfig } from '../../../../drivers/cardData/classify';
import type { IdCardConfig } from '../../../../drivers/cardData/nationalIdCard';
import type { CardSlotTimings } from '../../../../drivers/cardSlot/driver';
import type { ReaderSensors } from '../../../../drivers/cardSlot/replyData';
import type { CardPosition, InitializeMode } from '../../../../drivers/cardSlot/text';
import type { OpenSerial } from '../serialPort';

/** The card slot device's vocabulary: how it is configured, and what its flows answer (device.ts is the device). */

export interface CardSlotDeviceConfig {
  readonly path: string;
  readonly baudRate: number;
  readonly noModemLines: boolean;
  /** A card still inside at power-up belongs to nobody present: by default it goes to the bin. */
  readonly initializeAtStart?: InitializeMode;
  /** How long a person has to take an ejected card before it is retained. */
  readonly takeTimeoutMs?: number;
  readonly idCard?: IdCardConfig;
  readonly classify?: ClassifyConfig;
}

export interface CardSlotDeviceOptions {
  readonly config: CardSlotDeviceConfig | null;
  readonly log: Logger;
  readonly clock: Clock;
  readonly reconnect?: BackoffPolicy;
  readonly openSerial?: OpenSerial;
  readonly timings?: Partial<CardSlotTimings>;
  /** Between status polls while waiting for a card to arrive or be taken. */
  readonly pollMs?: number;
  /** YYYY-MM-DD, for "is this card expired". */
  readonly today?: () => string;
}

/** What track 3 of a technician card gave (readTechnicianSecret). */
export type TechnicianSecretRead =
  | { readonly kind: 'secret'; readonly secret: Uint8Array }
  /** A blank track 3: a card issued before there were card secrets. */
  | { readonly kind: 'noSecret' }
  /** The reader could not read track 3 (a magnetic read error). */
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'garbled'; readonly error: TechnicianSecretError }
  /** Track 3 names another card than tracks 1 and 2. */
  | { readonly kind: 'otherCard' };

export type RemovalOutcome = { readonly outcome: 'taken' } | { readonly outcome: 'retained' };

export interface CardSlotInfo {
  readonly position: CardPosition;
}

/** What the maintenance screen shows of the reader: its sensors, firmware and own retract counter (null where the reader keeps none). */
export interface CardSlotDiagnosis {
  readonly sensors: ReaderSensors & { position: CardPosition };
  readonly firmware: string | null;
  readonly retractCounter: number | null;
}

export type CardCleanup = 'noCard' | 'taken' | 'retained' | 'failed';

/** Why a card went into the rear bin: its owner did not take it in time, or it was left from an earlier session. */
export type RetainReason = 'notTaken' | 'leftBehind';

/** Life counters the store keeps for the maintenance screen and the heartbeat: cards in, cards the reader could not read. */
export type CardSlotCounter = 'inserted' | 'readErrors';
