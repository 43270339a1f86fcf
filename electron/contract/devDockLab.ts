import { FINGER_NAMES } from '../../common/fingers';
import type { FingerName } from '../../common/fingers';
import type { DeviceStatus } from './devices';

/**
 * The dev dock's lab bench (government mode): the lab's card slot and
 * fingerprint reader, its people and cards, and the embedded central's fault
 * switch and SMS outbox. Lists here mirror drivers/lab and common/wire (the
 * contract may not import either); a core spec keeps them equal.
 */

export const devDockFingerNames = FINGER_NAMES;
export type DevDockFingerName = FingerName;

export const devDockLabDevices = ['fingerprint', 'cardSlot'] as const;
export type DevDockLabDevice = (typeof devDockLabDevices)[number];

export const devDockDeviceFaultKinds = ['unplug', 'replug', 'jam', 'garble', 'truncate', 'noAck', 'slow', 'liftMidCapture', 'cardPulled', 'none'] as const;
export type DevDockDeviceFaultKind = (typeof devDockDeviceFaultKinds)[number];

/** What each lab station can suffer (drivers/lab/*Station.ts applyFault); the rest are refused as not applicable. */
export const devDockFaultKindsFor = {
  fingerprint: ['unplug', 'replug', 'jam', 'garble', 'truncate', 'noAck', 'slow', 'liftMidCapture', 'none'],
  cardSlot: ['unplug', 'replug', 'jam', 'garble', 'noAck', 'slow', 'cardPulled', 'none'],
} as const satisfies Record<DevDockLabDevice, readonly DevDockDeviceFaultKind[]>;

export const devDockCentralFaultModes = ['none', 'down', 'slow', 'flaky5xx', 'dropAfterCommit', 'rateLimited'] as const;
export type DevDockCentralFaultMode = (typeof devDockCentralFaultModes)[number];

/** Which finger touches the reader; `personId` is a lab person's (demo) ID number. */
export type DevDockPlaceFingerInput =
  /** The person's own enrolled finger: the match should succeed. */
  | { which: 'enrolled'; personId: string; finger: DevDockFingerName; poorImages?: number }
  /** The same finger of someone else in the lab: a wrong finger. */
  | { which: 'otherPerson'; personId: string; finger: DevDockFingerName }
  /** A finger the registry holds for nobody: this person's unenrolled one when there is one, else a stranger's. */
  | { which: 'unknown'; personId: string; finger: DevDockFingerName };


export type DevDockCardKind = 'nationalId' | 'iqama' | 'bank' | 'technician';

/** A lab card, described without its number: the renderer labels it from kind and last 4. */
export interface DevDockCard {
  id: string;
  kind: DevDockCardKind;
  /** Last 4 of the ID number or PAN; the technician id for a technician card. */
  last4: string;
  /** YYYY-MM-DD */
  expiry: string;
}

export interface DevDockPerson {
  idNumber: string;
  nameAr: string;
  nameEn: string;
  holderType: 'citizen' | 'resident';
  accountState: 'none' | 'registered' | 'pending_bank' | 'active' | 'locked';
  username: string | null;
  /** E.164, to pick this person's messages out of the SMS outbox. */
  mobile: string;
  fingers: DevDockFingerName[];
  cards: DevDockCard[];
}

export interface DevDockCatalogue {
  hasLab: boolean;
  hasCentral: boolean;
  people: DevDockPerson[];
  technicianCards: DevDockCard[];
}

export interface DevDockCardSlotState {
  plugged: boolean;
  position: 'noCard' | 'atGate' | 'inside' | 'captured' | 'unplugged';
  /** The reader's entry shutter: closed unless the kiosk is waiting for a card. */
  shutter: 'closed' | 'anyCard' | 'magneticOnly';
  card: DevDockCard | null;
  /** A card the person holds at the closed shutter; it goes in when the kiosk opens it. */
  heldCard: DevDockCard | null;
  retainedCards: number;
  slowMs: number;
  counters: { inserted: number; ejected: number; retained: number; unplugs: number; replugs: number };
}

export interface DevDockFingerprintState {
  plugged: boolean;
  /** `personId` is null for a stranger (nobody in the lab); `enrolled` says whether central holds this finger for them. */
  finger: { personId: string | null; finger: DevDockFingerName; enrolled: boolean } | null;
  responding: boolean;
  slowMs: number;
  counters: { placements: number; unplugs: number; replugs: number };
}

export interface DevDockState {
  lab: { cardSlot: DevDockCardSlotState; fingerprint: DevDockFingerprintState; magstripe: { plugged: boolean; swipes: number } } | null;
  /** As the kiosk's device manager sees them. */
  devices: { fingerprint: DeviceStatus; cardSlot: DeviceStatus; magstripe: DeviceStatus };
  central: { fault: { mode: DevDockCentralFaultMode; rate?: number; delayMs?: number }; latestSmsId: number | null } | null;
}

export interface DevDockSms {
  id: number;
  /** E.164 */
  to: string;
  purpose: string;
  text: string;
  /** The one-time code in the text, for the dock to highlight. */
  code: string | null;
  /** ISO date-time */
  sentAt: string;
}

/** Why the lab did not do what was asked: things a real person or device would also run into. */
export type DevDockRefusal =
  | 'slotOccupied'
  | 'slotUnplugged'
  | 'rejectedNoStripe'
  | 'noCardToTake'
  | 'faultNotApplicable'
  | 'noLab'
  | 'noCentral'
  | 'noClock';

export type DevDockOutcome =
  | { ok: true; done: 'inserted' | 'heldAtSlot' | 'taken' | 'takenBack' | 'placed' | 'lifted' | 'faultSet' | 'timeSkipped' }
  | { ok: false; refusal: DevDockRefusal };

export type DevDockActionResult = DevDockOutcome & { state: DevDockState };
