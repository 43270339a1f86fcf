import { createNanoEvents } from 'nanoevents';
import { backoffDelay, type BackoffPolicy } from '../../../common/backoff';
import { err, ok, type Result } from '../../../common/result';
import { backgroundClock, type Clock, sleep } from '../../../common/time';
import { type AtmDevice, type AtmDeviceError, type AtmDevicesApi, type AtmDeviceState, type AtmStatus, DEFAULT_TECHNICIAN_PIN_KEY, type NavigationKey } from '../../../drivers/xfs4iot/atm';
import type { DiscoveryError } from '../../../drivers/xfs4iot/discovery';
import type { DeviceStatus } from '../../contract/devices';
import type { Logger } from '../log';
import type { BankClient } from './bankClient';
import { EppNavigation } from './navigation';
import { encodeJob } from '../../../drivers/printer/codec';
import { receiptReference } from '../receipts/journeyReceipts';
import { type ReceiptInput, receiptSchemas } from '../receipts/kinds';
import { renderReceipt } from '../receipts/render';
import type { AtmCardDesk, AtmJourneyPorts, AtmReceipt, AtmReceiptError, AtmReceiptSetting, AtmSettings, AuthoriseOutcome, BankCard, BankCardRead, CardArrival, TechnicianPinPad } from './ports';

/**
 * The ATM's devices as the kiosk keeps them (issue 12, item 5): the
 * connection to the ATM's XFS4IoT services (found again with backoff when
 * the publisher is not there yet), each device's status in the kiosk's
 * words, the card slot open for the next person while the kiosk can serve,
 * any card left behind handed back (or kept) before the next one, and the
 * operations the ATM journey uses. Logs name events and device states,
 * never card data.
 */

/** The kiosk's device names for the ATM's devices (snapshot.devices). */
export type AtmDeviceSlot = 'cardSlot' | 'pinPad' | 'printer';
const SLOT_OF: Readonly<Record<AtmDevice, AtmDeviceSlot>> = { cardReader: 'cardSlot', pinPad: 'pinPad', printer: 'printer' };

/** What the kiosk sends to central about its cards (outbox, telemetry): no card data. */
export interface AtmReport {
  readonly event: 'atm.cardRetained';
  readonly reason: 'pinTriesExhausted' | 'notTaken';
}

interface AtmServiceOptions {
  /** Finds the ATM's publisher and opens its devices (one attempt; this service tries again). */
  readonly connect: () => Promise<Result<AtmDevicesApi, DiscoveryError>>;
  readonly bank: BankClient;
  readonly settings: AtmSettings & { readonly takeTimeoutMs: number };
  readonly log: Logger;
  /** Pauses between attempts (connecting, waiting for a card); timers that never keep the process alive by default. */
  readonly clock?: Clock;
  readonly reconnect?: BackoffPolicy;
  /** A card kept: for central's fleet view. */
  readonly report?: (event: AtmReport) => void;
  /** Receipts from the kiosk's templates (electron/core/receipts); without it the journey offers none. */
  readonly receipt?: AtmReceiptSetting;
}

const ATM_RECONNECT: BackoffPolicy = { baseMs: 500, capMs: 30_000, jitter: 'full' };

export class AtmService implements AtmCardDesk {
  readonly #options: AtmServiceOptions;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #stop = new AbortController();
  readonly #events = createNanoEvents<{ status: (device: AtmDeviceSlot, status: DeviceStatus) => void; key: (key: NavigationKey) => void; headset: (plugged: boolean) => void }>();
  readonly #navigation: EppNavigation;
  readonly #statuses: Record<AtmDeviceSlot, DeviceStatus> = { cardSlot: 'offline', pinPad: 'offline', printer: 'offline' };
  #devices: AtmDevicesApi | null = null;
  #whenConnected: Promise<void>;
  #connected: () => void = () => undefined;
  /** A card is in the reader or at its exit: no new one can go in until it is out. */
  #held = false;
  #cardClear: Promise<void> = Promise.resolve();
  #watching = false;
  #onCard: CardArrival | undefined;
  #watchLoop: Promise<void> | undefined;
  #watchAbort: AbortController | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: AtmServiceOptions) {
    this.#options = options;
    this.#log = options.log.child({ component: 'atm' });
    this.#clock = options.clock ?? backgroundClock;
    this.#navigation = new EppNavigation({
      log: this.#log,
      clock: this.#clock,
      backoff: options.reconnect ?? ATM_RECONNECT,
      onKey: (key) => {
        this.#events.emit('key', key);
      },
    });
    this.#whenConnected = new Promise((resolve) => {
      this.#connected = resolve;
    });
  }

  /** Connects in the background; statuses go online as the services answer. */
  start(): void {
    void this.#connectLoop();
  }

  /** Resolves once the ATM's services are connected (or the service stops). */
  connected(): Promise<void> {
    return this.#whenConnected;
  }

  statuses(): Readonly<Record<AtmDeviceSlot, DeviceStatus>> {
    return { ...this.#statuses };
  }

  /** Maintenance: each service's Common.Status and the card reader's Storage (retain unit), asked now; null while not connected. */
  async diagnose(): Promise<AtmStatus | null> {
    return this.#devices ? this.#devices.status() : null;
  }

  onStatus(listener: (device: AtmDeviceSlot, status: DeviceStatus) => void): () => void {
    return this.#events.on('status', listener);
  }

  /** Whether a card is in the reader or waiting at its exit. */
  get cardHeld(): boolean {
    return this.#held;
  }

  /**
   * Keeps the card slot open for the next card while `on` (the kiosk can
   * serve and nobody is using it); `onCard` hears each card as it is read.
   */
  setWatching(on: boolean, onCard?: CardArrival): void {
    if (onCard) this.#onCard = onCard;
    if (on === this.#watching) return;
    this.#watching = on;
    if (on) this.#kick();
    else this.#watchAbort?.abort();
  }

  /** After a session: a card still in the reader (or at its exit) is handed back, and kept if nobody takes it. */
  clearForNextPerson(): Promise<void> {
    if (!this.#held) return this.#cardClear;
    this.#cardClear = this.#cardClear.then(() => this.#handBack()).finally(() => this.#kick());
    return this.#cardClear;
  }

  /** Whether the screen takes the keys beside it now (a choice is on screen, no PIN being typed, nothing under way). */
  setNavigating(on: boolean): void {
    this.#navigation.setWanted(on);
  }

  /** FDK, Enter, Cancel and Clear presses while navigating: never a digit. */
  onNavigationKey(listener: (key: NavigationKey) => void): () => void {
    return this.#events.on('key', listener);
  }

  /** Headphones in or out of the ATM's audio jack, as its Auxiliaries sensor reports them. */
  onHeadset(listener: (plugged: boolean) => void): () => void {
    return this.#events.on('headset', listener);
  }

  journeyPorts(): AtmJourneyPorts {
    const { settings } = this.#options;
    return {
      settings: { pinBlockFormat: settings.pinBlockFormat, pinLength: settings.pinLength },
      readPin: (request) => this.technicianPinPad().readPin(request),
      authorise: (card) => this.#authorise(card),
      returnCard: (request) => this.#returnCard(request.signal),
      retainCard: () => this.#retainCard(),
      ...(this.#options.receipt ? { printReceipt: (receipt: AtmReceipt) => this.#print(receipt) } : {}),
    };
  }

  /** Maintenance at the ATM: the technician's PIN on the EPP (presses only), and its format 4 block under the technician key. */
  technicianPinPad(): TechnicianPinPad {
    const epp = <T>(use: (devices: AtmDevicesApi) => Promise<Result<T, AtmDeviceError>>) => this.#navigation.withEpp(() => this.#with('pinPad', use));
    return {
      readPin: (request) => epp((d) => d.readPin(request)),
      pinBlock: (cardNumber) => epp((d) => d.pinBlock({ pan: cardNumber, format: 'iso4', key: DEFAULT_TECHNICIAN_PIN_KEY })),
      // The FDK that ended the entry reaches the screen as a navigation key would.
      keyBesideScreen: (key) => {
        this.#events.emit('key', key);
      },
    };
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    this.#connected();
    this.#watching = false;
    this.#watchAbort?.abort();
    this.#unsubscribe?.();
    await this.#watchLoop;
    await this.#navigation.stop();
    await this.#devices?.close();
    await this.#options.bank.close();
  }

  async #connectLoop(): Promise<void> {
    const policy = this.#options.reconnect ?? ATM_RECONNECT;
    for (let attempt = 0; !this.#stop.signal.aborted; attempt++) {
      const connected = await this.#options.connect();
      if (this.#stop.signal.aborted) {
        if (connected.ok) await connected.value.close();
        return;
      }
      if (connected.ok) {
        await this.#attach(connected.value);
        return;
      }
      if (attempt === 0 || attempt % 10 === 0) {
        this.#log.warn({ event: 'atm.notFound', reason: connected.error.type, attempt }, 'the ATM’s XFS4IoT services are not reachable yet');
      }
      await sleep(backoffDelay(policy, attempt), { signal: this.#stop.signal, clock: this.#clock });
    }
  }

  async #attach(devices: AtmDevicesApi): Promise<void> {
    this.#devices = devices;
    const stopStatus = devices.onStatusChange((device, state) => this.#setStatus(SLOT_OF[device], state));
    const stopHeadset = devices.onHeadset?.((plugged) => {
      this.#log.info({ event: 'atm.headset', plugged }, plugged ? 'headphones plugged into the ATM' : 'headphones unplugged from the ATM');
      this.#events.emit('headset', plugged);
    });
    this.#unsubscribe = () => {
      stopStatus();
      stopHeadset?.();
    };
    const status = await devices.status();
    this.#setStatus('cardSlot', status.cardReader);
    this.#setStatus('pinPad', status.pinPad);
    this.#setStatus('printer', status.printer);
    this.#log.info({ event: 'atm.connected', ...this.#statuses, retainBin: status.retainBin?.count }, 'ATM services connected');
    this.#navigation.attach(devices);
    this.#connected();
  }

  #setStatus(slot: AtmDeviceSlot, state: AtmDeviceState): void {
    if (this.#statuses[slot] === state) return;
    const previous = this.#statuses[slot];
    this.#statuses[slot] = state;
    this.#log.info({ event: 'device.status', device: slot, status: state, previous }, 'ATM device status changed');
    this.#events.emit('status', slot, state);
  }

  #kick(): void {
    if (!this.#watching || this.#held || this.#watchLoop || this.#stop.signal.aborted) return;
    this.#watchLoop = this.#watch().finally(() => {
      this.#watchLoop = undefined;
      // Switched on again while the loop was on its way out.
      this.#kick();
    });
  }

  /** One ReadRawData at a time with the shutter open, until a card comes, the kiosk stops wanting one, or the service stops. */
  async #watch(): Promise<void> {
    for (let failures = 0; this.#watching && !this.#held && !this.#stop.signal.aborted; ) {
      await this.#cardClear;
      await this.connected();
      const devices = this.#devices;
      if (!devices || !this.#watching || this.#held) return;
      const abort = new AbortController();
      this.#watchAbort = abort;
      if (!this.#watching) abort.abort();
      const read = await devices.waitForCard({ signal: abort.signal });
      this.#watchAbort = undefined;
      if (read.ok) return this.#cardIn({ ok: true, card: { pan: read.value.pan, expiry: read.value.expiry } });
      if (read.error.type === 'unreadableCard') return this.#cardIn({ ok: false, code: 'card_unreadable' });
      if (read.error.type === 'aborted') continue;
      failures += 1;
      if (failures === 1 || failures % 10 === 0) this.#log.warn({ event: 'atm.cardWaitFailed', error: read.error.type, failures }, 'waiting for a card failed');
      await sleep(backoffDelay(this.#options.reconnect ?? ATM_RECONNECT, failures - 1), { signal: this.#stop.signal, clock: this.#clock });
    }
  }

  #cardIn(read: BankCardRead): void {
    this.#held = true;
    this.#log.info({ event: 'atm.cardInserted', readable: read.ok }, 'card inserted');
    const taken = this.#onCard?.(read) ?? false;
    if (!taken) {
      this.#log.info({ event: 'atm.cardRefused' }, 'the kiosk cannot serve now: card handed back');
      void this.clearForNextPerson();
    }
  }

  async #handBack(): Promise<void> {
    const devices = this.#devices;
    if (!devices || !this.#held) return;
    const reset = await devices.resetCardReader('exit');
    if (!reset.ok) {
      this.#log.error({ event: 'atm.cardStuck', error: reset.error.type }, 'a card left in the reader could not be moved');
      return;
    }
    await this.#settle(await devices.waitForCardTaken({ takeTimeoutMs: this.#options.settings.takeTimeoutMs }));
  }

  async #settle(fate: Result<'taken' | 'retained', AtmDeviceError>): Promise<void> {
    if (fate.ok || fate.error.type === 'noCard') this.#held = false;
    if (fate.ok) this.#log.info({ event: 'atm.cardOut', fate: fate.value }, fate.value === 'taken' ? 'card taken' : 'card not taken in time: retained');
    if (fate.ok && fate.value === 'retained') this.#options.report?.({ event: 'atm.cardRetained', reason: 'notTaken' });
  }

  async #with<T>(device: AtmDevice, run: (devices: AtmDevicesApi) => Promise<Result<T, AtmDeviceError>>): Promise<Result<T, AtmDeviceError>> {
    const devices = this.#devices;
    if (!devices) return err({ type: 'unavailable', device });
    return run(devices);
  }

  async #authorise(card: BankCard): Promise<AuthoriseOutcome> {
    const { pinBlockFormat: format } = this.#options.settings;
    const block = await this.#navigation.withEpp(() => this.#with('pinPad', (devices) => devices.pinBlock({ pan: card.pan, format })));
    if (!block.ok) {
      this.#log.warn({ event: 'atm.pinBlockFailed', error: block.error.type }, 'the EPP gave no PIN block');
      return block.error.type === 'eppError' ? { kind: 'eppError' } : { kind: 'pinPadUnavailable' };
    }
    const answer = await this.#options.bank.authorise({ pan: card.pan, expiry: card.expiry, pinBlock: block.value.block, format });
    if (!answer.ok) {
      this.#log.warn({ event: 'atm.bankFailed', error: answer.error.type, detail: answer.error.type === 'refused' ? answer.error.problem : answer.error.detail }, 'no decision from the bank');
      return answer.error.type === 'unavailable' || answer.error.type === 'answerLost' ? { kind: 'bankUnavailable' } : { kind: 'bankError' };
    }
    const decision = answer.value;
    this.#log.info({ event: 'atm.bankDecision', outcome: decision.outcome }, 'bank decision');
    switch (decision.outcome) {
      case 'approved':
        return { kind: 'approved', attestation: decision.attestation };
      case 'wrongPin':
        return { kind: 'wrongPin', triesLeft: decision.triesLeft };
      default:
        return { kind: decision.outcome };
    }
  }

  async #returnCard(signal: AbortSignal | undefined): Promise<Result<'taken' | 'retained', AtmDeviceError>> {
    return this.#with('cardReader', async (devices) => {
      const ejected = await devices.ejectCard();
      if (!ejected.ok) return ejected;
      const fate = await devices.waitForCardTaken({ takeTimeoutMs: this.#options.settings.takeTimeoutMs, ...(signal ? { signal } : {}) });
      await this.#settle(fate);
      return fate;
    });
  }

  async #retainCard(): Promise<Result<void, AtmDeviceError>> {
    return this.#with('cardReader', async (devices) => {
      const retained = await devices.retainCard();
      if (!retained.ok) return retained;
      this.#held = false;
      this.#log.info({ event: 'atm.cardRetained', reason: 'pinTriesExhausted' }, 'card retained: PIN tries used up');
      this.#options.report?.({ event: 'atm.cardRetained', reason: 'pinTriesExhausted' });
      return ok();
    });
  }

  /**
   * The receipt drawn from the same template as a government kiosk's, in the
   * person's language, at the ATM printer's width, sent as ESC/POS raster
   * bytes (GS v 0, then the cut) with `Printer.PrintRaw`: the ATM's receipt
   * printer takes device-dependent data, so Arabic is shaped here, not left
   * to its code pages. The job ends with GS r 1, answered once it is out.
   */
  async #print(receipt: AtmReceipt): Promise<Result<void, AtmReceiptError>> {
    const setting = this.#options.receipt;
    if (!setting) return err({ type: 'unavailable', device: 'printer' });
    const input: ReceiptInput<'atmActivationRequested'> = {
      kioskId: setting.kioskId,
      reference: receiptReference(receipt.transactionId),
      at: new Date(this.#clock.now()),
      portalName: { ar: setting.portalName.ar, en: setting.portalName.en },
      supportNumber: setting.supportNumber,
      idNumberLast4: receipt.idNumberMasked.slice(-4),
      maskedMobile: receipt.maskedMobile,
    };
    if (!receiptSchemas.atmActivationRequested.safeParse(input).success) {
      this.#log.error({ event: 'atm.receiptRefused' }, 'the receipt’s values are not in the masked shape a receipt takes: nothing printed');
      return err({ type: 'notPrintable' });
    }
    const { raster } = await renderReceipt('atmActivationRequested', input, { language: receipt.language, widthDots: setting.widthDots });
    const job = encodeJob([{ type: 'raster', raster }], { widthDots: setting.widthDots, cut: 'full' });
    const printed = await this.#with('printer', (devices) => devices.print(job, { readBack: true }));
    this.#log.info({ event: printed.ok ? 'atm.receiptPrinted' : 'atm.receiptFailed', ...(printed.ok ? {} : { error: printed.error.type }) }, printed.ok ? 'receipt printed' : 'receipt not printed');
    return printed;
  }
}
