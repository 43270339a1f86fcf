import type { Logger } from 'pino';
import { generatePopulation, type LabPopulation } from '../../common/demo/population';
import { err, ok, type Result } from '../../common/result';
import { type Clock, systemClock } from '../../common/time';
import type { TrustedBank } from '../../common/wire/bankAttestation';
import { type BankCustomer, demoBankCustomers } from '../bankHost/customers';
import { type RunningBankHost, startBankHost } from '../bankHost/server';
import type { BankAvailability, BankDecision } from '../bankHost/wire';
import type { VirtualCard } from '../cardData/virtualCard';
import { DEMO_TECHNICIAN_PIN_KEY_HEX } from '../../common/demo/technicianPinKey';
import { demoPinKey } from '../pinBlock/demoKeys';
import { DEFAULT_TECHNICIAN_PIN_KEY } from '../xfs4iot/pinKeys';
import { encipherPinBlock } from '../pinBlock/pinBlock';
import { type AtmCard, type AtmFault, type AtmPrintedReceipt, type AtmState, type EncipherPin, type SimulatedAtm, startSimulatedAtm } from '../xfs4iot/simulator';
import { NUMERIC_KEYS } from '../xfs4iot/interfaces/keyboard';
import type { CommandName } from '../xfs4iot/messages';
import type { SimulatedServiceName } from '../xfs4iot/simulator/faults';
import { parseKeys } from '../xfs4iot/simulator/epp';
import { ATM_CARDS_NOTICE, type AtmCardCatalogue, atmCardSummary, bankCardOf } from './atmCards';
import type { AtmFaultRequest } from './atmFaults';
import { buildCatalogue } from './catalogue';

/**
 * The lab's ATM: the simulated ATM (XFS4IoT service publisher, card reader,
 * EPP, receipt printer) with an EPP that enciphers real ISO 9564 blocks under
 * the demo keys, and the simulated bank host that shares those keys, side by
 * side on 127.0.0.1. `control` is a person at the ATM (cards by lab card id,
 * EPP keys) and the lab's fault switch. Nothing here logs a PIN digit, a
 * whole PAN or a whole ID number.
 */

export interface AtmStationOptions {
  readonly log: Logger;
  readonly clock?: Clock;
  /** How long an ejected card waits at the exit before the ATM retains it (the simulator's default, 30 s, when absent). */
  readonly takeTimeoutMs?: number;
  /** Default: the shared demo population (the bank's customers are its card holders). */
  readonly population?: LabPopulation;
  /** The publisher's port: by default the first free one of 5846–5856, as XFS4IoT asks; 0 for any free port (specs). */
  readonly port?: number;
  /** The bank host's port; 0 (default) for any free one. */
  readonly bankPort?: number;
}

export type AtmCardPosition = 'empty' | 'inside' | 'atExit' | 'jammed';

export interface AtmStationState {
  readonly reader: {
    readonly position: AtmCardPosition;
    /** The kiosk is waiting for a card (ReadRawData with the shutter open). */
    readonly accepting: boolean;
    /** The lab card id in the reader (inside, at the exit or jammed). */
    readonly card: { readonly id: string; readonly panLast4: string } | null;
  };
  readonly retainBin: { readonly count: number; readonly capacity: number; readonly cards: readonly string[] };
  /** What the EPP is doing: how many digits it holds, never which. */
  readonly keyboard: AtmState['keyboard'];
  readonly printer: { readonly receipts: number };
  /** Headphones in the ATM's audio jack (the headset convention: the person wants the screen spoken). */
  readonly headset: boolean;
  readonly services: AtmState['services'];
  /** The ATM faults switched on now, in POST /atm/fault's words (the bank's show as `bank.availability`). */
  readonly faults: readonly AtmFaultView[];
  readonly bank: {
    readonly availability: BankAvailability;
    /** Newest first, at most RECENT_DECISIONS: last 4 of the PAN, never the PIN. */
    readonly decisions: readonly BankDecision[];
  };
}

export type AtmFaultView =
  | { readonly kind: 'serviceDown'; readonly service: SimulatedServiceName }
  | { readonly kind: 'noCompletion'; readonly command?: CommandName }
  | { readonly kind: 'eppError'; readonly errorCode?: string }
  | { readonly kind: 'cardJam' | 'paperOut' };

function faultView(fault: AtmFault): AtmFaultView | undefined {
  switch (fault.type) {
    case 'serviceDown':
      return { kind: 'serviceDown', service: fault.service };
    case 'noCompletion':
      return fault.command ? { kind: 'noCompletion', command: fault.command } : { kind: 'noCompletion' };
    case 'eppError':
      return fault.errorCode ? { kind: 'eppError', errorCode: fault.errorCode } : { kind: 'eppError' };
    case 'cardJam':
    case 'paperOut':
      return { kind: fault.type };
    case 'dropConnections':
      // An action, never a standing fault.
      return undefined;
  }
}

export type AtmInsertError =
  | { readonly type: 'unknownCard' }
  /** No ReadRawData is waiting: the shutter is closed. */
  | { readonly type: 'notAccepting' }
  | { readonly type: 'occupied' };

export interface AtmStationControl {
  /** The bank cards with their demo PINs (DEMO ONLY, as its `notice` says). */
  cards(): AtmCardCatalogue;
  /** A card the ATM station knows by id: the bank cards above, and the lab's other cards (which the ATM cannot use). */
  card(cardId: string): VirtualCard | undefined;
  /** Puts that card in the ATM's slot; it goes in only while the ATM waits for one. */
  insertCard(cardId: string): Result<void, AtmInsertError>;
  takeCard(): Result<void, { readonly type: 'noCardAtExit' }>;
  /** Digits (`"1234"`), `enter`, `cancel`, `clear`, `backspace`, `fdk01`…`fdk08`, separated by spaces. */
  pressKeys(keys: string): Result<{ readonly accepted: number; readonly ignored: number }, { readonly type: 'badKey'; readonly key: string }>;
  setFault(fault: AtmFaultRequest): void;
  /** Headphones into the ATM's audio jack, or out. */
  plugHeadset(plugged: boolean): void;
  /** Unblocks a card at the bank after three wrong PINs; false for a card the bank does not know. */
  resetPinTries(cardId: string): boolean;
  state(): AtmStationState;
  /** What came out of the ATM's receipt printer (the last few, oldest first). */
  receipts(): readonly AtmPrintedReceipt[];
  /** Receipt `number` (the last one when left out) as a PNG; undefined when it is not kept. */
  receiptPng(number?: number): Promise<Uint8Array | undefined>;
}

export interface AtmStation {
  /** ws://127.0.0.1:<port>/xfs4iot/v1.0/ */
  readonly publisherUrl: string;
  /** http://127.0.0.1:<port> */
  readonly bankHostUrl: string;
  /** The bank keys central must trust to accept this bank host's attestations. */
  readonly trustedBanks: readonly TrustedBank[];
  readonly control: AtmStationControl;
  close(): Promise<void>;
}

const RECENT_DECISIONS = 10;
const DIGIT_KEYS: ReadonlySet<string> = new Set(NUMERIC_KEYS);

const POSITIONS: Readonly<Record<AtmState['cardReader']['media'], AtmCardPosition>> = {
  notPresent: 'empty',
  present: 'inside',
  entering: 'atExit',
  jammed: 'jammed',
};

/**
 * The EPP's cipher: ISO 9564 under the DEVICES.md §5 demo keys (TEST ONLY),
 * which the bank host shares; under the technician key (`PINKEY_MAINT`,
 * format 4) the demo technician key, which the demo central shares.
 */
export const demoEncipherPin: EncipherPin = (pin, pan, format, keyName) => {
  const key = keyName === DEFAULT_TECHNICIAN_PIN_KEY ? Uint8Array.from(Buffer.from(DEMO_TECHNICIAN_PIN_KEY_HEX, 'hex')) : demoPinKey(format);
  const block = encipherPinBlock({ format, pin, pan, key });
  // The EPP answers internalError; the error names the rule broken, never the PIN.
  if (!block.ok) throw new Error(`the PIN could not be enciphered: ${block.error.type}`);
  return block.value;
};

const panOf = (cardId: string): string | undefined => (cardId.startsWith('bank-') ? cardId.slice('bank-'.length) : undefined);

/** For logs: kind and last 4, never the whole number. */
const cardForLog = (cardId: string): string => {
  const dash = cardId.lastIndexOf('-');
  return dash < 0 ? '…' : `${cardId.slice(0, dash)} …${cardId.slice(dash + 1).slice(-4)}`;
};

export async function startAtmStation(options: AtmStationOptions): Promise<AtmStation> {
  const clock = options.clock ?? systemClock;
  const log = options.log.child({ component: 'atmStation' });
  const population = options.population ?? generatePopulation();
  const customers: readonly BankCustomer[] = demoBankCustomers(population);

  // Every lab card fits in the slot (an ID card is simply unreadable to the ATM); the bank's own cards take precedence.
  const cards = new Map<string, VirtualCard>();
  const lab = buildCatalogue(population);
  for (const summary of lab.cards) {
    const card = lab.card(summary.id);
    if (card) cards.set(card.id, card);
  }
  for (const customer of customers) {
    const card = bankCardOf(customer);
    cards.set(card.id, card);
  }
  const idOf = new Map<AtmCard, string>([...cards.values()].map((card) => [card, card.id]));
  const catalogue: AtmCardCatalogue = { notice: ATM_CARDS_NOTICE, cards: customers.map((customer) => atmCardSummary(customer, clock.now())) };

  const bank: RunningBankHost = await startBankHost({ port: options.bankPort ?? 0, customers, now: () => clock.now(), log: options.log.child({ component: 'bankHost' }) });
  let atm: SimulatedAtm;
  try {
    atm = await startSimulatedAtm({
      encipherPin: demoEncipherPin,
      clock,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.takeTimeoutMs === undefined ? {} : { takeTimeoutMs: options.takeTimeoutMs }),
    });
  } catch (error) {
    await bank.close();
    throw error;
  }
  log.info({ event: 'atm.started', publisher: atm.publisherUrl, bankHost: bank.url, cards: catalogue.cards.length }, 'ATM station started');

  /** The card last put in: what the reader holds while its media is not `notPresent`. */
  let currentCard: AtmCard | undefined;
  const state = (): AtmStationState => {
    const now = atm.control.state();
    const inReader = now.cardReader.media === 'notPresent' ? undefined : currentCard;
    const id = inReader === undefined ? undefined : idOf.get(inReader);
    return {
      reader: {
        position: POSITIONS[now.cardReader.media],
        accepting: now.cardReader.accepting,
        card: id === undefined ? null : { id, panLast4: id.slice(-4) },
      },
      retainBin: { ...now.retainBin, cards: atm.control.retainedCards().map((card) => idOf.get(card) ?? 'unknown') },
      keyboard: now.keyboard,
      printer: now.printer,
      headset: now.headset,
      services: now.services,
      faults: now.faults.map(faultView).filter((fault) => fault !== undefined),
      bank: { availability: bank.control.availability(), decisions: bank.control.decisions().slice(-RECENT_DECISIONS).reverse() },
    };
  };
  const control: AtmStationControl = {
    cards: () => catalogue,
    card: (cardId) => cards.get(cardId),
    insertCard(cardId) {
      const card = cards.get(cardId);
      if (!card) return err({ type: 'unknownCard' });
      const inserted = atm.control.insertCard(card);
      if (!inserted.ok) {
        // Debug only: a card held at the closed slot (the dev dock) tries again every few milliseconds.
        log.debug({ event: 'atm.insertRefused', card: cardForLog(cardId), refusal: inserted.error.type }, 'the ATM did not take the card');
        return inserted;
      }
      currentCard = card;
      log.info({ event: 'atm.insertCard', card: cardForLog(cardId) }, 'card inserted at the ATM');
      return ok();
    },
    takeCard() {
      const taken = atm.control.takeCard();
      log.info({ event: 'atm.takeCard', taken: taken.ok }, 'card taken from the ATM');
      return taken.ok ? ok() : taken;
    },
    pressKeys(keys) {
      const parsed = parseKeys(keys);
      // A bad key's name is never a run of digits, so it may be logged and returned.
      if (!parsed.ok) return parsed;
      const pressed = atm.control.pressKeys(keys);
      if (!pressed.ok) return pressed;
      const named = parsed.value.filter((key) => !DIGIT_KEYS.has(key));
      const digits = parsed.value.length - named.length;
      // How many digits, never which.
      log.info({ event: 'atm.keys', digits, keys: named, ...pressed.value }, 'EPP keys pressed');
      return pressed;
    },
    plugHeadset(plugged) {
      atm.control.plugHeadset(plugged);
      log.info({ event: 'atm.headset', plugged }, plugged ? 'headphones plugged into the ATM' : 'headphones unplugged from the ATM');
    },
    setFault(fault) {
      switch (fault.kind) {
        case 'serviceDown':
        case 'dropConnections':
          atm.control.setFault({ type: fault.kind, service: fault.service });
          break;
        case 'noCompletion':
          atm.control.setFault(fault.command ? { type: 'noCompletion', command: fault.command } : { type: 'noCompletion' });
          break;
        case 'cardJam':
        case 'paperOut':
          atm.control.setFault({ type: fault.kind });
          break;
        case 'eppError':
          atm.control.setFault({ type: 'eppError', errorCode: fault.errorCode ?? 'accessDenied' });
          break;
        case 'bankDown':
          bank.control.setAvailability('unavailable');
          break;
        case 'bankDrop':
          bank.control.setAvailability('drop');
          break;
        case 'none':
          atm.control.clearFaults();
          bank.control.setAvailability('up');
          break;
      }
      log.warn({ event: 'atm.fault', fault }, 'ATM station fault switched');
    },
    resetPinTries(cardId) {
      const pan = panOf(cardId);
      const reset = pan !== undefined && bank.control.resetTries(pan);
      log.info({ event: 'atm.resetPinTries', card: cardForLog(cardId), reset }, 'PIN tries reset at the bank');
      return reset;
    },
    state,
    receipts: () => atm.control.receipts(),
    receiptPng: (number) => atm.control.receiptPng(number),
  };

  let closing: Promise<void> | undefined;
  return {
    publisherUrl: atm.publisherUrl,
    bankHostUrl: bank.url,
    trustedBanks: bank.trustedBanks,
    control,
    close: () =>
      (closing ??= (async () => {
        await atm.close();
        await bank.close();
        log.info({ event: 'atm.stopped' }, 'ATM station stopped');
      })()),
  };
}
