import { err, ok, type Result } from '../../../common/result';
import type { Clock } from '../../../common/time';
import { withoutSentinels } from '../../cardData/tracks';
import type { VirtualChip, VirtualTracks } from '../../cardData/virtualCard';
import type { z } from 'zod';
import type * as schemas from '../interfaces/cardReader';
import type { Payload } from '../messages';
import type { AtmFaults } from './faults';
import { type CommandContext, type CommandEnd, commandError, failure, success, until } from './outcome';

/**
 * The ATM's motorised card reader and its retain bin: a card goes in only
 * while ReadRawData waits for one, `Move` takes it to the exit or into the
 * bin, and a card left at the exit is pulled into the bin when the take
 * timeout runs out (the reader does that by itself and says so with a
 * CardActionEvent).
 */

/** A card as the lab hands it over: a VirtualCard fits; `chip: true` is a chip with a plain payment ATR. */
export interface AtmCard {
  readonly label?: string;
  readonly tracks?: VirtualTracks;
  readonly chip?: VirtualChip | boolean;
}

export type CardMedia = 'notPresent' | 'present' | 'entering' | 'jammed';

const RETAIN_UNIT = 'unit1';
/** A card left at the exit this long is retained. */
export const DEFAULT_TAKE_TIMEOUT_MS = 30_000;
export const DEFAULT_RETAIN_CAPACITY = 50;
const PAYMENT_ATR = Uint8Array.of(0x3b, 0x60, 0x00, 0x00);

export type InsertError = { readonly type: 'notAccepting' } | { readonly type: 'occupied' };

interface CardReaderEvents {
  unsolicited(name: string, payload?: Payload): void;
}

interface SimulatedCardReaderOptions {
  readonly takeTimeoutMs: number;
  readonly retainCapacity: number;
  readonly faults: AtmFaults;
  readonly clock: Clock;
  readonly events: CardReaderEvents;
}

type Move = z.output<typeof schemas.moveCommand>;
type Reset = z.output<typeof schemas.resetCommand>;
type Read = z.output<typeof schemas.readRawDataCommand>;

const base64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');

export class SimulatedCardReader {
  readonly retained: AtmCard[] = [];
  readonly #options: SimulatedCardReaderOptions;
  #media: CardMedia = 'notPresent';
  #card: AtmCard | undefined;
  #arrival: ((card: AtmCard) => void) | undefined;
  #takeTimer: unknown;

  constructor(options: SimulatedCardReaderOptions) {
    this.#options = options;
  }

  get media(): CardMedia {
    return this.#media;
  }

  /** Whether a ReadRawData is waiting with the shutter open. */
  get accepting(): boolean {
    return this.#arrival !== undefined;
  }

  get card(): AtmCard | undefined {
    return this.#card;
  }

  get retainCount(): number {
    return this.retained.length;
  }

  insertCard(card: AtmCard): Result<void, InsertError> {
    if (this.#media !== 'notPresent') return err({ type: 'occupied' });
    const arrival = this.#arrival;
    if (!arrival) return err({ type: 'notAccepting' });
    this.#card = card;
    this.#setMedia('present');
    arrival(card);
    return ok();
  }

  takeCard(): Result<AtmCard, { type: 'noCardAtExit' }> {
    const card = this.#card;
    if (this.#media !== 'entering' || !card) return err({ type: 'noCardAtExit' });
    this.#options.clock.clearTimeout(this.#takeTimer);
    this.#card = undefined;
    this.#setMedia('notPresent');
    this.#options.events.unsolicited('CardReader.MediaRemovedEvent');
    return ok(card);
  }

  async readRawData(request: Read, context: CommandContext): Promise<CommandEnd> {
    if (this.#media === 'jammed') return commandError('mediaJam', 'a card is jammed in the reader');
    if (this.#media === 'entering') this.#pullIn();
    if (this.#media === 'notPresent') {
      context.emit('CardReader.InsertCardEvent');
      const arrived = await until<AtmCard>(context.signal, (done) => {
        this.#arrival = done;
        return () => {
          this.#arrival = undefined;
        };
      });
      if (arrived === 'aborted') return 'aborted';
      context.emit('CardReader.MediaInsertedEvent');
    }
    const card = this.#card;
    if (!card) return commandError('noMedia');
    const payload = this.#read(card, request);
    if (!payload) {
      context.emit('CardReader.InvalidMediaEvent');
      return commandError('invalidMedia', 'nothing readable on the card');
    }
    return success(payload);
  }

  move(request: Move): CommandEnd {
    if (this.#media === 'jammed') return commandError('mediaJam');
    if (request.to === 'exit') return this.#toExit();
    if (request.to === 'transport') {
      if (this.#media === 'notPresent') return commandError('noMedia');
      if (this.#media === 'entering') this.#pullIn();
      return success();
    }
    if (request.to !== RETAIN_UNIT) return failure('invalidData', `no storage unit ${request.to}`);
    return this.#toBin();
  }

  reset(request: Reset): CommandEnd {
    if (this.#media === 'jammed') this.#setMedia('present');
    if (!this.#card) return success();
    switch (request.to ?? 'auto') {
      case 'retain':
        if (request.storageId !== undefined && request.storageId !== RETAIN_UNIT) return failure('invalidData', `no storage unit ${request.storageId}`);
        return this.#toBin('retainBinFull');
      case 'currentPosition':
        return success();
      case 'exit':
      case 'auto':
        return this.#toExit();
    }
  }

  storage(): Payload {
    const count = this.retainCount;
    const capacity = this.#options.retainCapacity;
    return {
      storage: {
        [RETAIN_UNIT]: {
          id: 'BIN1',
          positionName: 'rear',
          capacity,
          status: 'ok',
          serialNumber: 'SIM-BIN-0001',
          card: {
            capabilities: { type: 'retain', hardwareSensors: false },
            configuration: { threshold: Math.max(0, capacity - 5) },
            status: { initialCount: 0, count, retainCount: 0, replenishmentStatus: count >= capacity ? 'full' : count >= capacity - 5 ? 'high' : 'ok' },
          },
        },
      },
    };
  }

  status(): Payload {
    return {
      common: { device: this.#media === 'jammed' ? 'hardwareError' : 'online', devicePosition: 'inPosition' },
      cardReader: { media: this.#media, chipPower: this.#card ? 'poweredOff' : 'noCard' },
    };
  }

  /** The reader is switched off (the simulator closes): the take timer stops. */
  stop(): void {
    this.#options.clock.clearTimeout(this.#takeTimer);
  }

  #read(card: AtmCard, request: Read): Payload | undefined {
    const track = (text: string | undefined): Payload => (text ? { data: base64(withoutSentinels(text)) } : { status: 'dataMissing' });
    const chip = card.chip === true ? PAYMENT_ATR : card.chip ? card.chip.atr : undefined;
    const payload: Payload = {
      ...(request.track1 ? { track1: track(card.tracks?.track1) } : {}),
      ...(request.track2 ? { track2: track(card.tracks?.track2) } : {}),
      ...(request.track3 ? { track3: track(card.tracks?.track3) } : {}),
      ...(request.chip ? { chip: [chip ? { data: base64(chip) } : { status: 'dataMissing' }] } : {}),
    };
    const anything = Object.values(payload).some((value) => JSON.stringify(value).includes('"data"'));
    return anything ? payload : undefined;
  }

  #toExit(): CommandEnd {
    if (this.#media === 'entering') return success();
    if (this.#media === 'notPresent') return commandError('noMedia');
    if (this.#options.faults.takeJam()) {
      this.#setMedia('jammed');
      return commandError('mediaJam', 'the card jammed on its way to the exit');
    }
    this.#setMedia('entering');
    this.#takeTimer = this.#options.clock.setTimeout(() => this.#takeTimedOut(), this.#options.takeTimeoutMs);
    return success();
  }

  #toBin(fullCode = 'full'): CommandEnd {
    if (this.#media === 'notPresent') return commandError('noMedia');
    if (this.retainCount >= this.#options.retainCapacity) return commandError(fullCode, 'the retain bin is full');
    if (this.#options.faults.takeJam()) {
      this.#setMedia('jammed');
      return commandError('mediaJam', 'the card jammed on its way to the bin');
    }
    this.#retain();
    return success();
  }

  #takeTimedOut(): void {
    if (this.#media !== 'entering' || this.retainCount >= this.#options.retainCapacity) return;
    this.#retain();
    this.#options.events.unsolicited('CardReader.CardActionEvent', { to: RETAIN_UNIT, from: 'exit' });
  }

  #retain(): void {
    this.#options.clock.clearTimeout(this.#takeTimer);
    if (this.#card) this.retained.push(this.#card);
    this.#card = undefined;
    this.#setMedia('notPresent');
  }

  #pullIn(): void {
    this.#options.clock.clearTimeout(this.#takeTimer);
    this.#setMedia('present');
  }

  #setMedia(media: CardMedia): void {
    if (media === this.#media) return;
    const wasJammed = this.#media === 'jammed';
    this.#media = media;
    const device = media === 'jammed' ? { common: { device: 'hardwareError' } } : wasJammed ? { common: { device: 'online' } } : {};
    this.#options.events.unsolicited('Common.StatusChangedEvent', { ...device, cardReader: { media } });
  }
}

