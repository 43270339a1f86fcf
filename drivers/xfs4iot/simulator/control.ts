import { err, ok, type Result } from '../../../common/result';
import type { SimulatedCardReader, AtmCard, CardMedia, InsertError } from './cardReader';
import type { ServiceEndpoint } from './endpoint';
import { type EppKey, parseKeys, type SimulatedEpp } from './epp';
import { type AtmFault, type AtmFaults, SIMULATED_SERVICES, type SimulatedServiceName } from './faults';
import type { AtmPrintedReceipt, SimulatedPrinter } from './printer';

/**
 * What a person at the simulated ATM does, and what the lab, the dev dock
 * and the specs see of it. The state never holds card numbers or PIN digits:
 * a card is its label, a PIN is how many digits the EPP holds.
 */

export interface AtmState {
  readonly cardReader: {
    readonly media: CardMedia;
    /** A ReadRawData waits with the shutter open: a card can go in. */
    readonly accepting: boolean;
    readonly card?: string;
  };
  readonly retainBin: { readonly count: number; readonly capacity: number };
  readonly keyboard: { readonly entry: 'none' | 'pin' | 'data'; readonly digitsEntered: number };
  readonly printer: { readonly receipts: number };
  /** Headphones in the audio jack. */
  readonly headset: boolean;
  readonly services: Readonly<Record<SimulatedServiceName, { readonly listed: boolean; readonly up: boolean; readonly connections: number }>>;
  readonly faults: readonly AtmFault[];
}

export interface AtmControl {
  insertCard(card: AtmCard): Result<void, InsertError>;
  takeCard(): Result<AtmCard, { readonly type: 'noCardAtExit' }>;
  /** EPP keys: digits (`"1234"`), `enter`, `cancel`, `clear`, `backspace`, `fdk01`…`fdk08`, several separated by spaces. */
  pressKeys(keys: string): Result<{ readonly accepted: number; readonly ignored: number }, { readonly type: 'badKey'; readonly key: string }>;
  /** Headphones into the audio jack or out: the EPP service says so in a Common.StatusChangedEvent (Auxiliaries). */
  plugHeadset(plugged: boolean): void;
  setFault(fault: AtmFault): void;
  clearFaults(): void;
  state(): AtmState;
  /** What the receipt printer was sent, one entry per PrintRaw. */
  printed(): readonly Uint8Array[];
  /** What came out of the receipt printer, one entry per cut (the last few). */
  receipts(): readonly AtmPrintedReceipt[];
  /** Receipt `number` (the last one when left out) as a PNG; undefined when it is not kept. */
  receiptPng(number?: number): Promise<Uint8Array | undefined>;
  retainedCards(): readonly AtmCard[];
}

interface AtmParts {
  readonly reader: SimulatedCardReader;
  readonly epp: SimulatedEpp;
  readonly printer: SimulatedPrinter;
  readonly faults: AtmFaults;
  readonly retainCapacity: number;
  readonly endpoints: ReadonlyMap<SimulatedServiceName, ServiceEndpoint>;
}

export function atmControl(parts: AtmParts): AtmControl {
  const { reader, epp, printer, faults, endpoints } = parts;
  return {
    insertCard: (card) => reader.insertCard(card),
    takeCard: () => reader.takeCard(),
    pressKeys(keys) {
      const parsed = parseKeys(keys);
      if (!parsed.ok) return err(parsed.error);
      const pressed: readonly EppKey[] = parsed.value;
      const accepted = epp.press(pressed);
      return ok({ accepted, ignored: pressed.length - accepted });
    },
    plugHeadset(plugged) {
      if (epp.headset === plugged) return;
      epp.headset = plugged;
      endpoints.get('PinPad')?.broadcast('Common.StatusChangedEvent', { auxiliaries: { enhancedAudioSensor: plugged ? 'present' : 'notPresent' } });
    },
    setFault(fault) {
      faults.set(fault);
      if (fault.type === 'serviceDown' || fault.type === 'dropConnections') endpoints.get(fault.service)?.drop();
    },
    clearFaults: () => faults.clear(),
    state() {
      const card = reader.card;
      return {
        cardReader: { media: reader.media, accepting: reader.accepting, ...(card ? { card: card.label ?? 'card' } : {}) },
        retainBin: { count: reader.retainCount, capacity: parts.retainCapacity },
        keyboard: { entry: epp.entryMode, digitsEntered: epp.digitsEntered },
        printer: { receipts: printer.printed.length },
        headset: epp.headset,
        services: Object.fromEntries(
          SIMULATED_SERVICES.map((name) => {
            const endpoint = endpoints.get(name);
            return [name, { listed: endpoint !== undefined, up: endpoint !== undefined && !faults.isDown(name), connections: endpoint?.connections ?? 0 }];
          }),
        ) as AtmState['services'],
        faults: faults.active(),
      };
    },
    printed: () => printer.printed,
    receipts: () => printer.receipts(),
    receiptPng: (number) => printer.receiptPng(number),
    retainedCards: () => reader.retained,
  };
}
