import type { DevDockProcedureInput } from '../../contract/devDock';
import type { DevDockAtmActionResult, DevDockAtmCatalogue, DevDockAtmFault, DevDockAtmOutcome, DevDockAtmState, DevDockBankDecision } from '../../contract/devDockAtm';
import { KioskError } from '../../contract';
import { assertNever } from '../../../common/result';
import type { AtmFaultView } from '../../../drivers/lab/atmStation';
import type { BankDecision } from '../../../drivers/bankHost/wire';
import type { Logger } from '../log';
import { dockCard } from './catalogue';
import { HeldCard } from './heldCard';
import type { DevDockAtm, DevDockCentral } from './ports';
import { cardForLog } from './redact';

/**
 * The dock's ATM panel, in process: a person at the lab's ATM station (bank
 * cards, EPP keys and FDKs), its fault switch and the bank host's, the bank
 * host's decisions and central's pending bank activations with "activate
 * now". EPP digits pass straight to the simulated EPP: nothing here logs or
 * keeps them.
 */
export class AtmDock {
  readonly #atm: DevDockAtm | undefined;
  readonly #central: DevDockCentral | undefined;
  readonly #log: Logger;
  readonly #held: HeldCard | undefined;

  constructor(options: { atm: DevDockAtm | undefined; central: DevDockCentral | undefined; log: Logger }) {
    this.#atm = options.atm;
    this.#central = options.central;
    this.#log = options.log;
    const atm = options.atm;
    this.#held =
      atm &&
      new HeldCard({ insert: (card) => atm.control.insertCard(card.id) }, (card) =>
        this.#log.info({ event: 'devDock.atmHeldCardInserted', card: cardForLog(card.id) }, 'the held card went into the ATM as it asked for one'),
      );
  }

  catalogue(): DevDockAtmCatalogue {
    const atm = this.#atm;
    if (!atm) return { hasAtm: false, notice: '', cards: [] };
    const { notice, cards } = atm.control.cards();
    return {
      hasAtm: true,
      notice,
      cards: cards.map(({ id, panLast4, bankCode, holderIdMasked, expiry, status, demoPin }) => ({ id, panLast4, bankCode, holderIdMasked, expiry, status, demoPin })),
    };
  }

  async state(): Promise<DevDockAtmState> {
    const atm = this.#atm;
    const central = this.#central;
    const pendingActivations = central ? await central.pendingBankActivations() : undefined;
    if (!atm) return { atm: null, bank: null, central: pendingActivations ? { pendingActivations } : null };
    const now = atm.control.state();
    const inReader = now.reader.card && atm.control.card(now.reader.card.id);
    const held = this.#held?.card ?? null;
    return {
      atm: {
        position: now.reader.position,
        accepting: now.reader.accepting,
        card: inReader ? dockCard(inReader) : null,
        heldCard: held ? dockCard(held) : null,
        retainedCards: now.retainBin.count,
        receiptsPrinted: now.printer.receipts,
        epp: { entry: now.keyboard.entry, digitsEntered: now.keyboard.digitsEntered },
        headset: now.headset,
        services: {
          CardReader: { up: now.services.CardReader.up, connections: now.services.CardReader.connections },
          PinPad: { up: now.services.PinPad.up, connections: now.services.PinPad.connections },
          Printer: { up: now.services.Printer.up, connections: now.services.Printer.connections },
        },
        faults: now.faults.map(faultView),
      },
      bank: { availability: now.bank.availability, decisions: now.bank.decisions.map(decisionView) },
      central: pendingActivations ? { pendingActivations } : null,
    };
  }

  insertCard({ cardId }: DevDockProcedureInput<'devDockAtmInsertCard'>): Promise<DevDockAtmActionResult> {
    return this.#act('atmInsertCard', (atm, held) => {
      const card = atm.control.card(cardId);
      if (!card) throw new KioskError('invalid_argument', 'no such card in the lab');
      this.#log.info({ event: 'devDock.atmInsertCard', card: cardForLog(card.id) }, 'card offered at the ATM');
      const offered = held.offer(card, () => atm.control.insertCard(card.id), (error): error is { type: 'notAccepting' } => error.type === 'notAccepting');
      if (offered.ok) return offered;
      switch (offered.error.type) {
        case 'occupied':
          return { ok: false, refusal: 'readerOccupied' };
        case 'unknownCard':
          throw new KioskError('invalid_argument', 'no such card in the lab');
        default:
          return assertNever(offered.error, 'ATM insert error');
      }
    });
  }

  takeCard(): Promise<DevDockAtmActionResult> {
    return this.#act('atmTakeCard', (atm, held) => held.take(() => atm.control.takeCard()));
  }

  pressKeys({ keys }: DevDockProcedureInput<'devDockAtmPressKeys'>): Promise<DevDockAtmActionResult> {
    return this.#act('atmPressKeys', (atm) => {
      const pressed = atm.control.pressKeys(keys);
      // The contract's schema lets only EPP keys through; the key is not echoed (it may hold digits).
      if (!pressed.ok) throw new KioskError('invalid_argument', 'not an EPP key');
      // How many, never which: the station logs the named keys it got.
      this.#log.info({ event: 'devDock.atmPressKeys', ...pressed.value }, 'EPP keys pressed');
      return { ok: true, done: 'keysPressed', ...pressed.value };
    });
  }

  headset({ plugged }: DevDockProcedureInput<'devDockAtmHeadset'>): Promise<DevDockAtmActionResult> {
    return this.#act('atmHeadset', (atm) => {
      atm.control.plugHeadset(plugged);
      return { ok: true, done: plugged ? 'headsetPlugged' : 'headsetUnplugged' };
    });
  }

  fault(fault: DevDockProcedureInput<'devDockAtmFault'>): Promise<DevDockAtmActionResult> {
    return this.#act('atmFault', (atm) => {
      atm.control.setFault(fault);
      this.#log.warn({ event: 'devDock.atmFault', fault }, 'ATM station fault switched');
      return { ok: true, done: 'faultSet' };
    });
  }

  resetPinTries({ cardId }: DevDockProcedureInput<'devDockAtmResetPinTries'>): Promise<DevDockAtmActionResult> {
    return this.#act('atmResetPinTries', (atm) => {
      if (!atm.control.card(cardId)) throw new KioskError('invalid_argument', 'no such card in the lab');
      return atm.control.resetPinTries(cardId) ? { ok: true, done: 'triesReset' } : { ok: false, refusal: 'unknownBankCard' };
    });
  }

  /** "Activate now": what central's periodic run does once the wait is over, without the wait. */
  async runBankActivations(): Promise<DevDockAtmActionResult> {
    const central = this.#central;
    if (!central) return { ok: false, refusal: 'noCentral', state: await this.state() };
    const activated = await central.runBankActivations();
    this.#log.info({ event: 'devDock.runBankActivations', activated }, 'pending bank activations run now');
    return { ok: true, done: 'activationsRun', activated, state: await this.state() };
  }

  close(): void {
    this.#held?.release();
  }

  async #act(what: string, action: (atm: DevDockAtm, held: HeldCard) => DevDockAtmOutcome): Promise<DevDockAtmActionResult> {
    const atm = this.#atm;
    const held = this.#held;
    if (!atm || !held) return { ok: false, refusal: 'noAtm', state: await this.state() };
    const outcome = action(atm, held);
    if (!outcome.ok) this.#log.info({ event: 'devDock.refused', action: what, refusal: outcome.refusal }, 'the ATM did not do it');
    return { ...outcome, state: await this.state() };
  }
}

/** The station's fault, without an EPP error's code (the dock sets only the default one). */
function faultView(fault: AtmFaultView): DevDockAtmFault {
  return fault.kind === 'eppError' ? { kind: 'eppError' } : fault;
}

function decisionView({ at, panLast4, format, outcome, triesLeft }: BankDecision): DevDockBankDecision {
  return { at, panLast4, format, outcome, ...(triesLeft === undefined ? {} : { triesLeft }) };
}
