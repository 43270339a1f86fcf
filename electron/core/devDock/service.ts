import type { DevDockProcedureInput } from '../../contract/devDock';
import type { DevDockAtmActionResult, DevDockAtmCatalogue, DevDockAtmState } from '../../contract/devDockAtm';
import type { DevDockActionResult, DevDockCatalogue, DevDockOutcome, DevDockPlaceFingerInput, DevDockSms, DevDockState } from '../../contract/devDockLab';
import type { DevDockPrintedReceipt, DevDockPrinterActionResult, DevDockPrinterState } from '../../contract/devDockPrinter';
import { KioskError } from '../../contract';
import { assertNever } from '../../../common/result';
import { fingerLabel } from '../../../drivers/lab/fingerNames';
import type { Logger } from '../log';
import { AtmDock } from './atmDock';
import { buildDockCatalogue } from './catalogue';
import { chooseFinger, STRANGER_ID } from './fingerChoice';
import { HeldCard } from './heldCard';
import { cardSlotView, fingerprintView } from './labView';
import type { DevDockAtm, DevDockCentral, DevDockDevices, DevDockLab, DevDockTime } from './ports';
import { PrinterDock } from './printerDock';
import { cardForLog, last4 } from './redact';
import type { DevDockMethods } from './procedures';

interface DevDockServiceOptions {
  lab: DevDockLab | undefined;
  central: DevDockCentral | undefined;
  devices: DevDockDevices;
  log: Logger;
  /** The demo clocks; without them "skip ahead" is refused as not applicable. */
  time?: DevDockTime | undefined;
  /** The lab's ATM station (ATM mode); without it the ATM procedures answer `noAtm`. */
  atm?: DevDockAtm | undefined;
}

/**
 * What the demo's dev dock does, in process: a person's hands at the lab
 * bench (cards, fingers), the lab's and central's fault switches, and the
 * SMS outbox. Unknown cards and people are refused as invalid; what a real
 * person would run into (a busy slot, no card to take) comes back as a value.
 */
export class DevDockService implements DevDockMethods {
  readonly #lab: DevDockLab | undefined;
  readonly #central: DevDockCentral | undefined;
  readonly #devices: DevDockDevices;
  readonly #log: Logger;
  readonly #held: HeldCard | undefined;
  readonly #time: DevDockTime | undefined;
  readonly #atm: AtmDock;
  readonly #printer: PrinterDock;
  #catalogue: DevDockCatalogue | undefined;

  constructor(options: DevDockServiceOptions) {
    this.#lab = options.lab;
    this.#central = options.central;
    this.#devices = options.devices;
    this.#log = options.log.child({ component: 'devDock' });
    this.#time = options.time;
    this.#atm = new AtmDock({ atm: options.atm, central: options.central, log: this.#log });
    this.#printer = new PrinterDock({ printer: options.lab?.printer, devices: options.devices, log: this.#log });
    this.#held =
      options.lab &&
      new HeldCard(options.lab.cardSlot, (card) => this.#log.info({ event: 'devDock.heldCardInserted', card: cardForLog(card.id) }, 'the held card went in as the shutter opened'));
  }

  catalogue(): DevDockCatalogue {
    this.#catalogue ??= buildDockCatalogue(this.#lab, this.#central !== undefined);
    return this.#catalogue;
  }

  async state(): Promise<DevDockState> {
    const lab = this.#lab;
    const central = this.#central;
    let latestSmsId: number | null = null;
    if (central) latestSmsId = (await central.recentSms(1))[0]?.id ?? null;
    return {
      lab: lab
        ? {
            cardSlot: cardSlotView(lab, this.#held?.card ?? null),
            fingerprint: fingerprintView(lab),
            magstripe: lab.magstripe.state(),
          }
        : null,
      devices: this.#devices.statuses(),
      central: central ? { fault: central.fault(), latestSmsId } : null,
    };
  }

  async readSms({ limit }: DevDockProcedureInput<'devDockReadSms'>): Promise<{ messages: DevDockSms[] }> {
    if (!this.#central) throw new KioskError('unavailable', 'no embedded central runs here');
    const messages = await this.#central.recentSms(limit);
    return { messages: messages.map(({ id, to, purpose, text, code, sentAt }) => ({ id, to, purpose, text, code, sentAt })) };
  }

  insertCard({ cardId }: DevDockProcedureInput<'devDockInsertCard'>): Promise<DevDockActionResult> {
    return this.#act('insertCard', (lab, held) => {
      const card = lab.card(cardId);
      if (!card) throw new KioskError('invalid_argument', 'no such card in the lab');
      this.#log.info({ event: 'devDock.insertCard', card: cardForLog(card.id) }, 'card offered at the slot');
      // Between customers the shutter admits stripe cards only (a technician's): an ID card waits for the journey to ask.
      const offered = held.offer(card, () => lab.cardSlot.insert(card), (error): error is { type: 'entryDisabled' | 'rejectedNoStripe' } => error.type === 'entryDisabled' || error.type === 'rejectedNoStripe');
      if (offered.ok) return offered;
      switch (offered.error.type) {
        case 'slotOccupied':
          return { ok: false, refusal: 'slotOccupied' };
        case 'unplugged':
          return { ok: false, refusal: 'slotUnplugged' };
        default:
          return assertNever(offered.error, 'insert error');
      }
    });
  }

  takeCard(): Promise<DevDockActionResult> {
    return this.#act('takeCard', (lab, held) => held.take(() => lab.cardSlot.take()));
  }

  placeFinger(input: DevDockPlaceFingerInput): Promise<DevDockActionResult> {
    return this.#act('placeFinger', (lab) => {
      const finger = chooseFinger(lab.population, input);
      lab.fingerprint.place(finger, input.which === 'enrolled' && input.poorImages !== undefined ? { poorImages: input.poorImages } : {});
      const whose = finger.personId === STRANGER_ID ? 'stranger' : `…${last4(finger.personId)}`;
      this.#log.info({ event: 'devDock.placeFinger', which: input.which, whose, finger: fingerLabel(finger.finger) }, 'finger placed');
      return { ok: true, done: 'placed' };
    });
  }

  liftFinger(): Promise<DevDockActionResult> {
    return this.#act('liftFinger', (lab) => {
      lab.fingerprint.lift();
      return { ok: true, done: 'lifted' };
    });
  }

  deviceFault({ device, kind, delayMs }: DevDockProcedureInput<'devDockDeviceFault'>): Promise<DevDockActionResult> {
    return this.#act('deviceFault', async (lab) => {
      const station = device === 'fingerprint' ? lab.fingerprint : lab.cardSlot;
      const applied = await station.applyFault({ device, kind, ...(delayMs === undefined ? {} : { delayMs }) });
      this.#log.warn({ event: 'devDock.deviceFault', device, kind, applied: applied.ok }, 'lab fault injected');
      return applied.ok ? { ok: true, done: 'faultSet' } : { ok: false, refusal: 'faultNotApplicable' };
    });
  }

  async centralFault(setting: DevDockProcedureInput<'devDockCentralFault'>): Promise<DevDockActionResult> {
    if (!this.#central) return { ok: false, refusal: 'noCentral', state: await this.state() };
    const applied = this.#central.setFault(setting);
    this.#log.warn({ event: 'devDock.centralFault', mode: applied.mode }, 'central fault switch changed');
    return { ok: true, done: 'faultSet', state: await this.state() };
  }

  /** The kiosk's and central's clocks move `minutes` on together (a resend wait, a code's life, a lock, shown without waiting). */
  async skipTime({ minutes }: DevDockProcedureInput<'devDockSkipTime'>): Promise<DevDockActionResult> {
    if (!this.#time) return { ok: false, refusal: 'noClock', state: await this.state() };
    this.#time.skip(minutes * 60_000);
    this.#log.info({ event: 'devDock.skipTime', minutes }, 'the clocks skipped ahead');
    return { ok: true, done: 'timeSkipped', state: await this.state() };
  }

  // ATM mode: see AtmDock.

  atmCatalogue(): DevDockAtmCatalogue {
    return this.#atm.catalogue();
  }

  atmState(): Promise<DevDockAtmState> {
    return this.#atm.state();
  }

  atmInsertCard(input: DevDockProcedureInput<'devDockAtmInsertCard'>): Promise<DevDockAtmActionResult> {
    return this.#atm.insertCard(input);
  }

  atmTakeCard(): Promise<DevDockAtmActionResult> {
    return this.#atm.takeCard();
  }

  atmPressKeys(input: DevDockProcedureInput<'devDockAtmPressKeys'>): Promise<DevDockAtmActionResult> {
    return this.#atm.pressKeys(input);
  }

  atmFault(input: DevDockProcedureInput<'devDockAtmFault'>): Promise<DevDockAtmActionResult> {
    return this.#atm.fault(input);
  }

  atmHeadset(input: DevDockProcedureInput<'devDockAtmHeadset'>): Promise<DevDockAtmActionResult> {
    return this.#atm.headset(input);
  }

  atmResetPinTries(input: DevDockProcedureInput<'devDockAtmResetPinTries'>): Promise<DevDockAtmActionResult> {
    return this.#atm.resetPinTries(input);
  }

  runBankActivations(): Promise<DevDockAtmActionResult> {
    return this.#atm.runBankActivations();
  }

  // The receipt printer: see PrinterDock.

  printerState(): DevDockPrinterState {
    return this.#printer.state();
  }

  printerReceipt(input: DevDockProcedureInput<'devDockPrinterReceipt'>): Promise<{ receipt: DevDockPrintedReceipt | null }> {
    return this.#printer.receipt(input);
  }

  printerFault(input: DevDockProcedureInput<'devDockPrinterFault'>): Promise<DevDockPrinterActionResult> {
    return this.#printer.fault(input);
  }

  /** Stops a held card's retries (the core is shutting down). */
  close(): void {
    this.#held?.release();
    this.#atm.close();
  }

  async #act(what: string, action: (lab: DevDockLab, held: HeldCard) => DevDockOutcome | Promise<DevDockOutcome>): Promise<DevDockActionResult> {
    const lab = this.#lab;
    const held = this.#held;
    if (!lab || !held) return { ok: false, refusal: 'noLab', state: await this.state() };
    const outcome = await action(lab, held);
    if (!outcome.ok) this.#log.info({ event: 'devDock.refused', action: what, refusal: outcome.refusal }, 'the lab did not do it');
    return { ...outcome, state: await this.state() };
  }
}
