import type { DevDockCard } from './devDockLab';

/**
 * The dev dock's ATM panel (issue 12): the lab's ATM station
 * (drivers/lab/atmStation.ts), its bank host, and central's pending bank
 * activations.
 */

/** The simulated ATM's XFS4IoT services (drivers/xfs4iot/simulator/faults.ts SIMULATED_SERVICES). */
export const devDockAtmServices = ['CardReader', 'PinPad', 'Printer'] as const;
export type DevDockAtmService = (typeof devDockAtmServices)[number];

/** drivers/lab/atmFaults.ts ATM_FAULT_KINDS: the ATM's faults, the bank host's (`bankDown` 503, `bankDrop` cut connection), and `none` to put all right. */
export const devDockAtmFaultKinds = ['serviceDown', 'dropConnections', 'noCompletion', 'cardJam', 'eppError', 'paperOut', 'bankDown', 'bankDrop', 'none'] as const;
export type DevDockAtmFaultKind = (typeof devDockAtmFaultKinds)[number];

/** The commands a person's step waits on; `noCompletion` may name one so the kiosk's status polls do not take the fault. */
export const devDockAtmFaultCommands = ['CardReader.ReadRawData', 'CardReader.Move', 'Keyboard.PinEntry', 'Keyboard.DataEntry', 'PinPad.GetPinBlock', 'Printer.PrintRaw'] as const;
export type DevDockAtmFaultCommand = (typeof devDockAtmFaultCommands)[number];

/** The EPP's keys besides the digits (drivers/xfs4iot/simulator/epp.ts NAMED_KEYS). */
export const devDockAtmNamedKeys = ['enter', 'cancel', 'clear', 'backspace', 'fdk01', 'fdk02', 'fdk03', 'fdk04', 'fdk05', 'fdk06', 'fdk07', 'fdk08'] as const;

/** One switch of the ATM station's faults; `none` clears every ATM fault and brings the bank host back up. */
export type DevDockAtmFaultInput =
  /** The service refuses connections and drops its own until `none`. */
  | { kind: 'serviceDown'; service: DevDockAtmService }
  /** The service's connections drop once (the kiosk reconnects). */
  | { kind: 'dropConnections'; service: DevDockAtmService }
  /** The next command (this one, or any) is acknowledged and never completed. */
  | { kind: 'noCompletion'; command?: DevDockAtmFaultCommand }
  /** The next card motion jams. */
  | { kind: 'cardJam' }
  /** The next PIN block request fails (accessDenied). */
  | { kind: 'eppError' }
  | { kind: 'paperOut' }
  /** The bank host answers 503. */
  | { kind: 'bankDown' }
  /** The bank host cuts the connection before answering. */
  | { kind: 'bankDrop' }
  | { kind: 'none' };

/** A bank card as the ATM panel lists it. */
export interface DevDockAtmCard {
  /** `bank-<PAN>`: what devDockAtmInsertCard takes. */
  id: string;
  panLast4: string;
  /** The issuing bank (RJHI, SNB, RIBL, ALBI). */
  bankCode: string;
  /** `******0008`; null for the card the bank links to no ID. */
  holderIdMasked: string | null;
  /** YYYY-MM */
  expiry: string;
  /** `expired` and `unlinked` are the bank's refusals to show. */
  status: 'valid' | 'expired' | 'unlinked';
  /** DEMO ONLY: the simulated bank's PIN for this card. */
  demoPin: string;
}

export interface DevDockAtmCatalogue {
  hasAtm: boolean;
  /** Says, in words, that the PINs are demo data only. */
  notice: string;
  cards: DevDockAtmCard[];
}

export type DevDockAtmCardPosition = 'empty' | 'inside' | 'atExit' | 'jammed';

export interface DevDockAtmFault {
  kind: Exclude<DevDockAtmFaultKind, 'bankDown' | 'bankDrop' | 'none'>;
  service?: DevDockAtmService;
  command?: string;
}

/** One authorisation at the bank host: the PAN's last 4, never the PIN. */
export interface DevDockBankDecision {
  /** ISO date-time */
  at: string;
  panLast4: string;
  format: 'iso0' | 'iso4';
  outcome: 'approved' | 'wrongPin' | 'retainCard' | 'cardNotLinked' | 'cardExpired' | 'pinBlockUnreadable' | 'noSigningKey';
  triesLeft?: number;
}

/** An account central holds in pending_bank: activated when `dueAt` passes, or at once by devDockRunBankActivations. */
export interface DevDockPendingActivation {
  idNumber: string;
  /** The bank whose attestation asked for it; null for a seeded one no ATM asked for. */
  bankCode: string | null;
  /** ISO date-time; null for a seeded one (it waits for an ATM). */
  requestedAt: string | null;
  dueAt: string | null;
}

export interface DevDockAtmState {
  atm: {
    position: DevDockAtmCardPosition;
    /** The ATM is waiting for a card (its shutter is open). */
    accepting: boolean;
    card: DevDockCard | null;
    /** A card the person holds at the closed slot; it goes in when the ATM asks for one. */
    heldCard: DevDockCard | null;
    retainedCards: number;
    receiptsPrinted: number;
    /** What the EPP is reading now, and how many digits it holds (never which). */
    epp: { entry: 'none' | 'pin' | 'data'; digitsEntered: number };
    /** Headphones in the ATM's audio jack. */
    headset: boolean;
    services: Record<DevDockAtmService, { up: boolean; connections: number }>;
    faults: DevDockAtmFault[];
  } | null;
  bank: { availability: 'up' | 'drop' | 'unavailable'; decisions: DevDockBankDecision[] } | null;
  /** Oldest request first; null without an embedded central. */
  central: { pendingActivations: DevDockPendingActivation[] } | null;
}

export type DevDockAtmRefusal = 'noAtm' | 'noCentral' | 'readerOccupied' | 'noCardToTake' | 'unknownBankCard';

export type DevDockAtmOutcome =
  | { ok: true; done: 'inserted' | 'heldAtSlot' | 'taken' | 'takenBack' | 'faultSet' | 'triesReset' | 'headsetPlugged' | 'headsetUnplugged' }
  /** `accepted`: keys the EPP took; `ignored`: pressed while no entry ran or not active in it. */
  | { ok: true; done: 'keysPressed'; accepted: number; ignored: number }
  | { ok: true; done: 'activationsRun'; activated: number }
  | { ok: false; refusal: DevDockAtmRefusal };

export type DevDockAtmActionResult = DevDockAtmOutcome & { state: DevDockAtmState };
