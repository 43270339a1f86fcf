import { FINGER_NAMES } from '../../common/fingers';
import type { FingerName } from '../../common/fingers';
import type { DeviceStatus } from './devices';
import { KioskError } from './errors';
import type { NoInput } from './noInput';

/**
 * The demo's dev dock: procedures that drive the simulated lab and read the
 * embedded reference central. The core serves them only under the demo
 * profile with a lab or an embedded central; everywhere else each one answers
 * `not_allowed` and does nothing. Lists here mirror drivers/lab and
 * common/wire (the contract may not import either); a core spec keeps
 * them equal.
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

export const devDockCentralFaultModes = ['none', 'down', 'slow', 'flaky5xx', 'dropAfterCommit'] as const;
export type DevDockCentralFaultMode = (typeof devDockCentralFaultModes)[number];

// ATM mode (issue 12): the lab's ATM station (drivers/lab/atmStation.ts), its bank host, and central's pending bank activations.

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
export type DevDockAtmNamedKey = (typeof devDockAtmNamedKeys)[number];

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

// Receipt printer (issue 15): the lab's ESC/POS printer (drivers/lab/printerStation.ts) and the paper it printed.

/**
 * What the dock can do to the lab's printer: a roll (`paperOk` a fresh one,
 * `paperLow` near its end, `paperOut` none, `paperOutMidReceipt` one that ends
 * a little way into the next receipt), the cover, the cable, a cutter jam,
 * and `none` to clear the jam (and any silent or garbled line).
 */
export const devDockPrinterFaultKinds = ['paperOk', 'paperLow', 'paperOut', 'paperOutMidReceipt', 'coverOpen', 'coverShut', 'unplug', 'replug', 'cutterError', 'none'] as const;
export type DevDockPrinterFaultKind = (typeof devDockPrinterFaultKinds)[number];

/** Which finger touches the reader; `personId` is a lab person's (demo) ID number. */
export type DevDockPlaceFingerInput =
  /** The person's own enrolled finger: the match should succeed. */
  | { which: 'enrolled'; personId: string; finger: DevDockFingerName; poorImages?: number }
  /** The same finger of someone else in the lab: a wrong finger. */
  | { which: 'otherPerson'; personId: string; finger: DevDockFingerName }
  /** A finger the registry holds for nobody: this person's unenrolled one when there is one, else a stranger's. */
  | { which: 'unknown'; personId: string; finger: DevDockFingerName };

/** What each dock procedure takes; the core checks the shapes and bounds (serve/devDock.ts). */
export interface DevDockProcedureInputs {
  /** People, their cards and fingers, technician cards: fetched once when the dock opens. */
  devDockCatalogue: NoInput;
  /** Lab bench, kiosk devices, central fault switch; the dock polls it (at most twice a second) while open. */
  devDockState: NoInput;
  /** The embedded central's SMS outbox, newest first: what people would read on their phones. */
  devDockReadSms: { limit: number };
  /** The person offers the card at the slot; it goes in when the shutter is (or next is) open. */
  devDockInsertCard: { cardId: string };
  /** The person takes the card from the gate, or takes back a card still waiting at a closed shutter. */
  devDockTakeCard: NoInput;
  devDockPlaceFinger: DevDockPlaceFingerInput;
  devDockLiftFinger: NoInput;
  devDockDeviceFault: { device: DevDockLabDevice; kind: DevDockDeviceFaultKind; delayMs?: number };
  devDockCentralFault: { mode: DevDockCentralFaultMode; rate?: number; delayMs?: number };
  /**
   * The world moves on: the kiosk's clock and the embedded central's skip
   * ahead together (a resend wait, a code's life, a lock), as if the person
   * had stood there that long. Demo only, like every dock procedure.
   */
  devDockSkipTime: { minutes: number };

  /**
   * ATM mode. The bank cards the ATM station takes, each with its holder's
   * masked ID, its bank and its DEMO PIN: the only dock output that carries a
   * PIN (the demo operator's cheat sheet), fetched once when the ATM panel opens.
   */
  devDockAtmCatalogue: NoInput;
  /** The ATM (reader, retain bin, EPP, printer, services, faults), the bank host's recent decisions, central's pending bank activations; polled like devDockState. */
  devDockAtmState: NoInput;
  /** A lab card (`bank-<PAN>`, or any other lab card, which the ATM cannot use) at the ATM's slot; held there until the ATM asks for a card. */
  devDockAtmInsertCard: { cardId: string };
  /** The card at the ATM's exit is taken, or a card held at the closed slot is taken back. */
  devDockAtmTakeCard: NoInput;
  /**
   * EPP keys, as a person presses them: digits, `enter`, `cancel`, `clear`,
   * `backspace`, `fdk01`…`fdk08`, separated by spaces (`"1234 enter"`). The
   * digits go to the simulated EPP and nowhere else: the core never logs them.
   */
  devDockAtmPressKeys: { keys: string };
  devDockAtmFault: DevDockAtmFaultInput;
  /** Headphones into the ATM's audio jack (the kiosk turns speech on, as the headset convention has it), or out. */
  devDockAtmHeadset: { plugged: boolean };
  /** After three wrong PINs the bank blocks a card: this unblocks it, for another demo run. */
  devDockAtmResetPinTries: { cardId: string };
  /** "Activate now": central completes every pending_bank activation at once, with its SMS (POST /dev/bank-activations/run). */
  devDockRunBankActivations: NoInput;

  /** The lab's receipt printer (paper, cover, cable, what it printed) and the kiosk's view of it; polled like devDockState. */
  devDockPrinterState: NoInput;
  /** A receipt the lab's printer keeps, as the paper looks (the newest without a number). */
  devDockPrinterReceipt: { number?: number };
  devDockPrinterFault: { kind: DevDockPrinterFaultKind };
}

export type DevDockProcedureName = keyof DevDockProcedureInputs;
export type DevDockProcedureInput<P extends DevDockProcedureName> = DevDockProcedureInputs[P];

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

/** The lab's printer as the dock draws it. */
export interface DevDockPrinterState {
  printer: {
    plugged: boolean;
    /** Would print now. */
    online: boolean;
    paper: 'ok' | 'low' | 'out';
    coverOpen: boolean;
    error: 'cutterError' | 'unrecoverableError' | null;
    receiptsPrinted: number;
    paperOuts: number;
    /** The newest receipt it keeps; `paperOut`: the roll ended under it and it hangs out uncut. */
    lastReceipt: { number: number; endedBy: 'fullCut' | 'partialCut' | 'paperOut'; heightDots: number } | null;
  } | null;
  /** As the kiosk's printer device sees it. */
  kiosk: DeviceStatus;
}

export interface DevDockPrintedReceipt {
  number: number;
  endedBy: 'fullCut' | 'partialCut' | 'paperOut';
  widthDots: number;
  heightDots: number;
  /** The paper as a PNG, base64 (drawn on a canvas: the kiosk's CSP loads images from itself only). */
  pngBase64: string;
}

export type DevDockPrinterActionResult = ({ ok: true; done: 'faultSet' } | { ok: false; refusal: 'noLab' }) & { state: DevDockPrinterState };

export interface DevDockProcedureOutputs {
  devDockCatalogue: DevDockCatalogue;
  devDockState: DevDockState;
  devDockReadSms: { messages: DevDockSms[] };
  devDockInsertCard: DevDockActionResult;
  devDockTakeCard: DevDockActionResult;
  devDockPlaceFinger: DevDockActionResult;
  devDockLiftFinger: DevDockActionResult;
  devDockDeviceFault: DevDockActionResult;
  devDockCentralFault: DevDockActionResult;
  devDockSkipTime: DevDockActionResult;
  devDockAtmCatalogue: DevDockAtmCatalogue;
  devDockAtmState: DevDockAtmState;
  devDockAtmInsertCard: DevDockAtmActionResult;
  devDockAtmTakeCard: DevDockAtmActionResult;
  devDockAtmPressKeys: DevDockAtmActionResult;
  devDockAtmFault: DevDockAtmActionResult;
  devDockAtmHeadset: DevDockAtmActionResult;
  devDockAtmResetPinTries: DevDockAtmActionResult;
  devDockRunBankActivations: DevDockAtmActionResult;
  devDockPrinterState: DevDockPrinterState;
  devDockPrinterReceipt: { receipt: DevDockPrintedReceipt | null };
  devDockPrinterFault: DevDockPrinterActionResult;
}

export type DevDockApi = {
  [P in DevDockProcedureName]: (input: DevDockProcedureInput<P>) => Promise<DevDockProcedureOutputs[P]>;
};

// A record rather than a list, so the compiler insists on every procedure exactly once.
const everyDevDockProcedure: Record<DevDockProcedureName, true> = {
  devDockCatalogue: true,
  devDockState: true,
  devDockReadSms: true,
  devDockInsertCard: true,
  devDockTakeCard: true,
  devDockPlaceFinger: true,
  devDockLiftFinger: true,
  devDockDeviceFault: true,
  devDockCentralFault: true,
  devDockSkipTime: true,
  devDockAtmCatalogue: true,
  devDockAtmState: true,
  devDockAtmInsertCard: true,
  devDockAtmTakeCard: true,
  devDockAtmPressKeys: true,
  devDockAtmFault: true,
  devDockAtmHeadset: true,
  devDockAtmResetPinTries: true,
  devDockRunBankActivations: true,
  devDockPrinterState: true,
  devDockPrinterReceipt: true,
  devDockPrinterFault: true,
};
export const devDockProcedureNames = Object.keys(everyDevDockProcedure) as DevDockProcedureName[];

/** For fakes and the production core: every dock procedure refused, nothing done. */
export function refusedDevDockApi(): DevDockApi {
  const refuse = async (): Promise<never> => {
    throw new KioskError('not_allowed', 'the dev dock exists only in the demo profile');
  };
  return Object.fromEntries(devDockProcedureNames.map((name) => [name, refuse])) as unknown as DevDockApi;
}
