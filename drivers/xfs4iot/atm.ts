import { err, ok, type Result } from '../../common/result';
import { type Clock, systemClock } from '../../common/time';
import { type CommandOptions, XfsClient, type XfsClientOptions, type XfsService } from './client';
import type { DiscoveryError } from './discovery';
import type { InterfaceName } from './interfaces/common';
import { type BankCardData, bankCardData } from './devices/cardData';
import { type AtmDevice, type AtmDeviceError, deviceError } from './devices/errors';
import { continuingFdkOf, type FdkKey, NAVIGATION_ENTRY_KEYS, type NavigationKey, navigationKeyOf, pinEntryKeys, type PinKey, pinKeyOf } from './devices/keys';
import { type AtmDeviceState, type AtmStatus, readAtmStatus, STATE_OF, stateOf } from './devices/status';
import type { CommandName, CommandPayload, CompletionPayload, UnsolicitedEvent } from './messages';
import { DEFAULT_PIN_KEYS, PIN_BLOCK_BYTES, type PinBlockFormat } from './pinKeys';
export { DEFAULT_TECHNICIAN_PIN_KEY } from './pinKeys';

export type { AtmDevice, AtmDeviceError } from './devices/errors';
export type { BankCardData } from './devices/cardData';
export type { FdkKey, NavigationKey, PinKey } from './devices/keys';
export type { AtmDeviceState, AtmStatus } from './devices/status';
export type { PinBlockFormat } from './pinKeys';

/**
 * The ATM's devices as the kiosk's journeys use them: a card in and back
 * out (or kept), a PIN typed on the EPP and handed out only as an enciphered
 * block, the FDKs and Enter/Cancel/Clear for moving through screens, the
 * receipt printer. Nothing here names an XFS4IoT message in its API; failures
 * are `AtmDeviceError` values.
 */

export type CardFate = 'taken' | 'retained';
export type PinEntryOutcome = { readonly outcome: 'entered'; readonly digits: number } | { readonly outcome: 'cancelled' };
export interface PinBlock {
  readonly format: PinBlockFormat;
  /** The enciphered block, upper-case hex, exactly as the EPP gave it. */
  readonly block: string;
}

export interface AtmDevicesApi {
  waitForCard(request?: { signal?: AbortSignal; timeoutMs?: number }): Promise<Result<BankCardData, AtmDeviceError>>;
  ejectCard(): Promise<Result<void, AtmDeviceError>>;
  /** After `ejectCard`: the card was taken, or it stayed past the take timeout and is retained. */
  waitForCardTaken(request?: { signal?: AbortSignal; takeTimeoutMs?: number }): Promise<Result<CardFate, AtmDeviceError>>;
  retainCard(): Promise<Result<void, AtmDeviceError>>;
  /** Clears a jam or a card left over: the card goes to the exit or into the bin. */
  resetCardReader(cardTo: 'exit' | 'retain'): Promise<Result<void, AtmDeviceError>>;
  readPin(request: PinRequest): Promise<Result<PinEntryOutcome, AtmDeviceError>>;
  /** `key`: the EPP's key by name (the technician key); by default the bank's key for the format. */
  pinBlock(request: { pan: string; format: PinBlockFormat; key?: string }): Promise<Result<PinBlock, AtmDeviceError>>;
  navigationKeys(request: { onKey: (key: NavigationKey) => void; signal: AbortSignal }): Promise<Result<void, AtmDeviceError>>;
  print(content: readonly string[] | Uint8Array, options?: { readonly readBack?: boolean }): Promise<Result<void, AtmDeviceError>>;
  status(): Promise<AtmStatus>;
  /** Each device's state as it changes: the service's StatusChangedEvent, its connection lost and back. */
  onStatusChange(listener: (device: AtmDevice, state: AtmDeviceState) => void): () => void;
  /** Headphones into the ATM's audio jack (true) or out (false), as the Auxiliaries sensor reports it; an ATM without one never calls. */
  onHeadset?(listener: (plugged: boolean) => void): () => void;
  close(): Promise<void>;
}

export interface PinRequest {
  readonly minLength: number;
  readonly maxLength: number;
  /** Each key press, without which digit it was. */
  readonly onKey: (key: PinKey) => void;
  /** The EPP is ready for the first key. */
  readonly onReady?: () => void;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /**
   * FDKs active during the entry without ending it (activeKeys with
   * `terminate: false`): the technician's language, speech and cancel keys.
   * Each press is heard by `onFdk` while the entry goes on, the digits typed
   * so far kept in the EPP. None for a customer: their PIN entry keeps the
   * FDKs off.
   */
  readonly fdks?: readonly FdkKey[];
  readonly onFdk?: (key: FdkKey) => void;
}

export interface AtmDevicesOptions {
  /** Names of the EPP's PIN keys per format (the bank's configuration). */
  readonly pinKeys?: Readonly<Record<PinBlockFormat, string>>;
  /** How long a person has to take an ejected card before the kiosk retains it. */
  readonly takeTimeoutMs?: number;
  /** The service's own timeout for a motion, a PIN block, a print. */
  readonly commandTimeoutMs?: number;
  /** The EPP's timeout for a whole PIN entry. */
  readonly pinEntryTimeoutMs?: number;
  readonly clock?: Clock;
}

const ATM_TIMINGS = { takeTimeoutMs: 30_000, commandTimeoutMs: 10_000, pinEntryTimeoutMs: 60_000 } as const;

const SERVICE_OF: Readonly<Record<AtmDevice, InterfaceName>> = { cardReader: 'CardReader', pinPad: 'PinPad', printer: 'Printer' };

interface ExitWatch {
  fate?: CardFate;
  readonly waiters: Set<(fate: CardFate) => void>;
}

export class AtmDevices implements AtmDevicesApi {
  readonly #client: XfsClient;
  readonly #options: AtmDevicesOptions;
  readonly #unsubscribe: () => void;
  #exit: ExitWatch | undefined;
  #retainUnit: string | undefined;
  #navigation: { readonly stop: AbortController; readonly done: Promise<unknown> } | undefined;

  constructor(client: XfsClient, options: AtmDevicesOptions = {}) {
    this.#client = client;
    this.#options = options;
    this.#unsubscribe = client.onUnsolicited((event) => this.#unsolicited(event));
  }

  /** Finds the ATM's publisher and services and opens the devices on them. */
  static async connect(options: XfsClientOptions & AtmDevicesOptions): Promise<Result<AtmDevices, DiscoveryError>> {
    const client = await XfsClient.connect(options);
    return client.ok ? ok(new AtmDevices(client.value, options)) : client;
  }

  get client(): XfsClient {
    return this.#client;
  }

  /** Opens the card slot and waits for a card; reads track 2 (PAN, expiry) and whether it has a chip. */
  async waitForCard(request: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Result<BankCardData, AtmDeviceError>> {
    const read = await this.#command('cardReader', 'CardReader.ReadRawData', { track1: true, track2: true, chip: true }, {
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : { guardMs: 'none' as const }),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    if (!read.ok) return read;
    return bankCardData(read.value);
  }

  async ejectCard(): Promise<Result<void, AtmDeviceError>> {
    // Watch before moving: the person may take the card before the completion arrives.
    const watch: ExitWatch = { waiters: new Set() };
    this.#exit = watch;
    const moved = await this.#command('cardReader', 'CardReader.Move', { to: 'exit' }, { timeoutMs: this.#commandTimeout() });
    if (!moved.ok && this.#exit === watch) this.#exit = undefined;
    return moved.ok ? ok() : moved;
  }

  async waitForCardTaken(request: { signal?: AbortSignal; takeTimeoutMs?: number } = {}): Promise<Result<CardFate, AtmDeviceError>> {
    const watch = this.#exit;
    if (!watch) return err({ type: 'noCard' });
    const takeTimeoutMs = request.takeTimeoutMs ?? this.#options.takeTimeoutMs ?? ATM_TIMINGS.takeTimeoutMs;
    const fate = watch.fate ?? (await waitForFate(watch, takeTimeoutMs, this.#options.clock ?? systemClock, request.signal));
    if (fate === 'aborted') return err({ type: 'aborted', device: 'cardReader' });
    if (fate !== 'timedOut') {
      this.#exit = undefined;
      return ok(fate);
    }
    const retained = await this.retainCard();
    if (retained.ok) return ok('retained');
    // Taken in the moment between the timeout and the retain.
    if (retained.error.type === 'noCard') return ok(watch.fate ?? 'taken');
    return retained;
  }

  /** Moves the card (inside or at the exit) into the retain bin. */
  async retainCard(): Promise<Result<void, AtmDeviceError>> {
    const unit = await this.#findRetainUnit();
    if (!unit.ok) return unit;
    const moved = await this.#command('cardReader', 'CardReader.Move', { to: unit.value }, { timeoutMs: this.#commandTimeout() });
    if (!moved.ok) return moved;
    this.#settleExit('retained');
    this.#exit = undefined;
    return ok();
  }

  async resetCardReader(cardTo: 'exit' | 'retain'): Promise<Result<void, AtmDeviceError>> {
    const watch: ExitWatch = { waiters: new Set() };
    if (cardTo === 'exit') this.#exit = watch;
    const reset = await this.#command('cardReader', 'CardReader.Reset', { to: cardTo }, { timeoutMs: this.#commandTimeout() });
    // Only a card now at the exit is waited for by waitForCardTaken.
    const status = reset.ok && cardTo === 'exit' ? await this.#command('cardReader', 'Common.Status', {}, {}) : undefined;
    if (this.#exit === watch && !(status?.ok && status.value.cardReader?.media === 'entering')) this.#exit = undefined;
    return reset.ok ? ok() : reset;
  }

  /** PIN entry on the EPP: the digits stay in the EPP; `onKey` hears each press as `digit`, `clear`, `cancel` or `enter`. */
  async readPin(request: PinRequest): Promise<Result<PinEntryOutcome, AtmDeviceError>> {
    await this.#stopNavigation();
    const fdks = request.fdks ?? [];
    const entry = await this.#command(
      'pinPad',
      'Keyboard.PinEntry',
      { minLen: request.minLength, maxLen: request.maxLength, autoEnd: false, activeKeys: pinEntryKeys(fdks) },
      {
        timeoutMs: request.timeoutMs ?? this.#options.pinEntryTimeoutMs ?? ATM_TIMINGS.pinEntryTimeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
        onEvent: (event) => {
          if (event.name === 'Keyboard.EnterDataEvent') request.onReady?.();
          const key = pinKeyOf(event);
          if (key) request.onKey(key);
          const fdk = continuingFdkOf(event, fdks);
          if (fdk) request.onFdk?.(fdk);
        },
      },
    );
    if (!entry.ok) return entry;
    const { completion, digits = 0 } = entry.value;
    if (completion === 'enter' || completion === 'auto') return ok({ outcome: 'entered', digits });
    // Cancel, or anything else that ended it without Enter (an FDK that should not have): no PIN.
    return ok({ outcome: 'cancelled' });
  }

  /** The PIN just entered, as the EPP formats and enciphers it for the bank (ISO 9564 format 0 or 4). */
  async pinBlock(request: { pan: string; format: PinBlockFormat; key?: string }): Promise<Result<PinBlock, AtmDeviceError>> {
    if (!/^[0-9]{12,19}$/.test(request.pan)) return err({ type: 'eppError', reason: 'the PAN is not 12 to 19 digits' });
    const keys = this.#options.pinKeys ?? DEFAULT_PIN_KEYS;
    // ISO-0 takes the PAN without its check digit (the spec's wording); ISO-4 the whole PAN.
    const customerData = request.format === 'iso0' ? request.pan.slice(0, -1) : request.pan;
    const answer = await this.#command(
      'pinPad',
      'PinPad.GetPinBlock',
      { customerData, format: request.format, key: request.key ?? keys[request.format] },
      { timeoutMs: this.#commandTimeout() },
    );
    if (!answer.ok) return answer;
    const bytes = Buffer.from(answer.value.pinBlock ?? '', 'base64');
    if (bytes.length !== PIN_BLOCK_BYTES[request.format]) return err({ type: 'eppError', reason: `a ${request.format} block of ${bytes.length} bytes` });
    return ok({ format: request.format, block: bytes.toString('hex').toUpperCase() });
  }

  /**
   * The FDKs and Enter/Cancel/Clear while a screen is shown: one
   * Keyboard.DataEntry with no terminating key, whose KeyEvents are the
   * presses. Ends (ok) when `signal` aborts, or when readPin needs the keyboard.
   */
  async navigationKeys(request: { onKey: (key: NavigationKey) => void; signal: AbortSignal }): Promise<Result<void, AtmDeviceError>> {
    await this.#stopNavigation();
    const stop = new AbortController();
    const forward = (): void => stop.abort();
    request.signal.addEventListener('abort', forward, { once: true });
    if (request.signal.aborted) stop.abort();
    const done = this.#command('pinPad', 'Keyboard.DataEntry', { maxLen: 0, autoEnd: false, activeKeys: NAVIGATION_ENTRY_KEYS }, {
      guardMs: 'none',
      signal: stop.signal,
      onEvent: (event) => {
        const key = navigationKeyOf(event);
        if (key) request.onKey(key);
      },
    });
    const navigation = { stop, done };
    this.#navigation = navigation;
    const ended = await done;
    request.signal.removeEventListener('abort', forward);
    if (this.#navigation === navigation) this.#navigation = undefined;
    if (!ended.ok && ended.error.type === 'aborted') return ok();
    return ended.ok ? ok() : ended;
  }

  /**
   * Prints text lines (UTF-8, one per line) or raw printer bytes (ESC/POS, a
   * raster receipt) with `Printer.PrintRaw`. `readBack`: the bytes ask the
   * printer for an answer (ESC/POS `GS r`), so `inputData` is `yes`.
   */
  async print(content: readonly string[] | Uint8Array, options: { readonly readBack?: boolean } = {}): Promise<Result<void, AtmDeviceError>> {
    const bytes = content instanceof Uint8Array ? content : Buffer.from(`${content.join('\n')}\n`, 'utf8');
    const inputData = options.readBack ? 'yes' : 'no';
    const printed = await this.#command('printer', 'Printer.PrintRaw', { inputData, data: Buffer.from(bytes).toString('base64') }, {
      timeoutMs: this.#commandTimeout(),
    });
    return printed.ok ? ok() : printed;
  }

  status(): Promise<AtmStatus> {
    return readAtmStatus((device) => this.#service(device));
  }

  onStatusChange(listener: (device: AtmDevice, state: AtmDeviceState) => void): () => void {
    const unsubscribes = (Object.keys(SERVICE_OF) as AtmDevice[]).flatMap((device) => {
      const service = this.#service(device);
      if (!service) return [];
      return [
        service.onUnsolicited((event) => {
          const reported = event.name === 'Common.StatusChangedEvent' ? event.payload.common?.device : undefined;
          if (reported) listener(device, STATE_OF[reported]);
        }),
        service.onStateChange((state) => {
          if (state === 'reconnecting') listener(device, 'offline');
          // Back online: what the device says now, not what it said before the loss.
          if (state === 'connected') void stateOf(service).then(({ state: now }) => listener(device, now));
        }),
      ];
    });
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }

  onHeadset(listener: (plugged: boolean) => void): () => void {
    // Whichever service has the jack (XFS4IoT puts it under Auxiliaries; many ATMs beside the EPP) says so in its StatusChangedEvent.
    return this.#client.onUnsolicited((event) => {
      const sensor = event.name === 'Common.StatusChangedEvent' ? event.payload.auxiliaries?.enhancedAudioSensor : undefined;
      if (sensor) listener(sensor === 'present');
    });
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    await this.#stopNavigation();
    await this.#client.close();
  }

  #service(device: AtmDevice): XfsService | undefined {
    return this.#client.service(SERVICE_OF[device]);
  }

  async #command<N extends CommandName>(
    device: AtmDevice,
    name: N,
    payload: CommandPayload<N>,
    options: CommandOptions<N>,
  ): Promise<Result<CompletionPayload<N>, AtmDeviceError>> {
    const service = this.#service(device);
    if (!service) return err({ type: 'unavailable', device });
    const result = await service.command(name, payload, options);
    return result.ok ? ok(result.value) : err(deviceError(device, result.error));
  }

  #commandTimeout(): number {
    return this.#options.commandTimeoutMs ?? ATM_TIMINGS.commandTimeoutMs;
  }

  async #findRetainUnit(): Promise<Result<string, AtmDeviceError>> {
    if (this.#retainUnit) return ok(this.#retainUnit);
    const storage = await this.#command('cardReader', 'Storage.GetStorage', {}, { timeoutMs: this.#commandTimeout() });
    if (!storage.ok) return storage;
    const unit = Object.entries(storage.value.storage).find(([, value]) => value.card?.capabilities.type === 'retain');
    if (!unit) return err({ type: 'deviceError', device: 'cardReader', detail: 'no retain unit in Storage.GetStorage' });
    this.#retainUnit = unit[0];
    return ok(unit[0]);
  }

  async #stopNavigation(): Promise<void> {
    const navigation = this.#navigation;
    if (!navigation) return;
    navigation.stop.abort();
    await navigation.done;
  }

  #unsolicited(event: UnsolicitedEvent): void {
    if (event.name === 'CardReader.MediaRemovedEvent') this.#settleExit('taken');
    if (event.name === 'CardReader.CardActionEvent' && event.payload.to.startsWith('unit')) this.#settleExit('retained');
  }

  #settleExit(fate: CardFate): void {
    const watch = this.#exit;
    if (!watch || watch.fate) return;
    watch.fate = fate;
    for (const waiter of [...watch.waiters]) waiter(fate);
  }
}

function waitForFate(watch: ExitWatch, takeTimeoutMs: number, clock: Clock, signal: AbortSignal | undefined): Promise<CardFate | 'timedOut' | 'aborted'> {
  return new Promise((resolve) => {
    const finish = (value: CardFate | 'timedOut' | 'aborted'): void => {
      clock.clearTimeout(timer);
      watch.waiters.delete(finish);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => finish('aborted');
    const timer = clock.setTimeout(() => finish('timedOut'), takeTimeoutMs);
    watch.waiters.add(finish);
    if (signal?.aborted) finish('aborted');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

