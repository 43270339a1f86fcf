import type { DevDockAtmActionResult, DevDockAtmCatalogue, DevDockAtmFaultInput, DevDockAtmState } from './devDockAtm';
import type {
  DevDockActionResult,
  DevDockCatalogue,
  DevDockCentralFaultMode,
  DevDockDeviceFaultKind,
  DevDockLabDevice,
  DevDockPlaceFingerInput,
  DevDockSms,
  DevDockState,
} from './devDockLab';
import type { DevDockPrintedReceipt, DevDockPrinterActionResult, DevDockPrinterFaultKind, DevDockPrinterState } from './devDockPrinter';
import { KioskError } from './errors';
import type { NoInput } from './noInput';

/**
 * The demo's dev dock: procedures that drive the simulated lab and read the
 * embedded reference central. The core serves them only under the demo
 * profile with a lab or an embedded central; everywhere else each one answers
 * `not_allowed` and does nothing. What they take and answer is in
 * devDockLab.ts (the government bench and central), devDockAtm.ts (the ATM
 * and its bank host) and devDockPrinter.ts (the receipt printer).
 */

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
