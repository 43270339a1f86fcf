import { err, ok, type Result } from '../../common/result';
import { withoutSentinels } from '../cardData/tracks';
import type { VirtualCard } from '../cardData/virtualCard';
import { negativeReply, positiveReply, type Reply, textOf } from './simulatedReplies';
import type { CardSlotFaults } from './simulatorFaults';
import {
  CommandCode,
  entryModeOf,
  initializeModeOf,
  type CardPosition,
  type CommandText,
  type EntryMode,
  type IccProtocol,
  type SankyoErrorCode,
} from './text';

/**
 * The simulated reader without its link: where the card is, the shutter, the
 * IC contacts, the rear bin and the take timer, and what each command does to
 * them. A command's effect is a `Reply` (simulatedReplies.ts) that the link
 * commits only if the command completes.
 */

export type SlotState = 'noCard' | 'atGate' | 'inside' | 'captured';

export interface CardSlotCounters {
  readonly inserted: number;
  readonly retained: number;
  readonly ejected: number;
}

export type InsertCardError =
  | { readonly type: 'unplugged' }
  | { readonly type: 'entryDisabled' }
  | { readonly type: 'slotOccupied' }
  /** Entry allows magnetic cards only and this one has no stripe: it comes straight back. */
  | { readonly type: 'rejectedNoStripe' };

export type TakeCardError = { readonly type: 'noCardAtGate' };

type Slot =
  | { readonly at: 'empty' }
  | { readonly at: 'gate'; readonly card: VirtualCard }
  | { readonly at: 'inside'; readonly card: VirtualCard; readonly contacts: boolean; readonly powered: boolean };

export interface ReaderMechanics {
  /** An ejected card left at the gate this long is pulled back and captured. */
  readonly takeTimeoutMs: number;
  /** Time a motion (carry, retrieve, IC contact) takes. */
  readonly motionMs: number;
  /** Cards the rear bin holds before retract counter overflow (error 50). */
  readonly binCapacity: number;
}

export class SimulatedReader {
  readonly #options: ReaderMechanics;
  readonly #faults: CardSlotFaults;
  #initialized = false;
  #entry: EntryMode = 'disabled';
  #slot: Slot = { at: 'empty' };
  #lastCaptured = false;
  #bin: VirtualCard[] = [];
  /** Reported once, on the next status request (error 46 or 40 after an automatic capture). */
  #latchedError: SankyoErrorCode | undefined;
  #takeTimer: ReturnType<typeof setTimeout> | undefined;

  #inserted = 0;
  #ejected = 0;
  #retained = 0;

  constructor(options: ReaderMechanics, faults: CardSlotFaults) {
    this.#options = options;
    this.#faults = faults;
  }

  get state(): SlotState {
    switch (this.#slot.at) {
      case 'empty':
        return this.#lastCaptured ? 'captured' : 'noCard';
      case 'gate':
        return 'atGate';
      case 'inside':
        return 'inside';
    }
  }

  /** The card in the slot (at the gate or inside). */
  get card(): VirtualCard | undefined {
    return this.#slot.at === 'empty' ? undefined : this.#slot.card;
  }

  get counters(): CardSlotCounters {
    return { inserted: this.#inserted, retained: this.#retained, ejected: this.#ejected };
  }

  /** Cards in the rear bin, oldest first. */
  get retainedCards(): readonly VirtualCard[] {
    return [...this.#bin];
  }

  get entryMode(): EntryMode {
    return this.#entry;
  }

  // ── the person at the kiosk ──────────────────────────────────────────

  insertCard(card: VirtualCard): Result<void, InsertCardError> {
    if (this.#slot.at !== 'empty') return err({ type: 'slotOccupied' });
    if (this.#entry === 'disabled') return err({ type: 'entryDisabled' });
    const hasStripe = card.tracks !== undefined && Object.values(card.tracks).some((track) => track !== undefined);
    if (this.#entry === 'magneticOnly' && !hasStripe) return err({ type: 'rejectedNoStripe' });
    this.#slot = { at: 'inside', card, contacts: false, powered: false };
    this.#lastCaptured = false;
    this.#inserted++;
    // The shutter closes behind an accepted card.
    this.#entry = 'disabled';
    return ok();
  }

  takeCard(): Result<VirtualCard, TakeCardError> {
    if (this.#slot.at !== 'gate') return err({ type: 'noCardAtGate' });
    const { card } = this.#slot;
    this.#slot = { at: 'empty' };
    this.#stopTakeTimer();
    return ok(card);
  }

  // ── power ────────────────────────────────────────────────────────────

  /** Without power the mechanism stops: a card at the gate stays there. */
  halt(): void {
    this.#stopTakeTimer();
  }

  /** Power came back (or went): the reader wants Initialize again, error B0 until then. */
  requireInitialize(): void {
    this.#initialized = false;
  }

  // ── the reader's commands ───────────────────────────────────────────

  /** What one command does, committed only when the link lets it complete. */
  execute(command: CommandText): Reply {
    const { cm, pm } = command;
    const refuse = (code: SankyoErrorCode, delayMs = 0): Reply => negativeReply(command, code, delayMs);
    if (!this.#initialized && cm !== CommandCode.initialize) return refuse('B0');
    switch (cm) {
      case CommandCode.initialize:
        return this.#initialize(command, refuse);
      case CommandCode.status:
        return this.#status(command, refuse);
      case CommandCode.entry: {
        const mode = entryModeOf(pm);
        if (!mode) return refuse('01');
        return this.#positive(command, () => {
          this.#entry = mode;
        });
      }
      case CommandCode.carry:
        if (pm === '0') return this.#eject(command, refuse);
        if (pm === '1') return this.#capture(command, refuse);
        return refuse('01');
      case CommandCode.retrieve:
        return this.#retrieve(command, refuse);
      case CommandCode.magneticRead:
        return this.#readTrack(command, refuse);
      case CommandCode.icContact:
        return this.#icContact(command, refuse);
      case CommandCode.icc:
        return this.#icc(command, refuse);
      default:
        return refuse('00');
    }
  }

  /**
   * A positive reply. `commit` changes the slot and `data` is produced only when
   * the command completes, and the status it carries is the one after the change.
   */
  #positive(command: CommandText, commit?: () => void, data?: () => Uint8Array, delayMs = 0): Reply {
    return positiveReply(command, () => this.#position(), commit, data, delayMs);
  }

  #position(): CardPosition {
    switch (this.#slot.at) {
      case 'empty':
        return 'noCard';
      case 'gate':
        return 'atGate';
      case 'inside':
        return 'inside';
    }
  }

  #initialize(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    const mode = initializeModeOf(command.pm);
    if (!mode) return refuse('01');
    const slot = this.#slot;
    const moves = slot.at !== 'empty' && mode !== 'dontMove' && !(mode === 'keepInside' && slot.at === 'inside');
    if (moves && this.#faults.takeJam()) return refuse('10', this.#options.motionMs);
    return this.#positive(
      command,
      () => {
        this.#initialized = true;
        this.#entry = 'disabled';
        this.#latchedError = undefined;
        if (slot.at === 'empty') return;
        switch (mode) {
          case 'cardToGate':
            this.#toGate(slot.card);
            return;
          case 'capture':
            this.#toBin(slot.card);
            return;
          case 'keepInside':
            this.#stopTakeTimer();
            this.#slot = { at: 'inside', card: slot.card, contacts: false, powered: false };
            return;
          case 'dontMove':
            return;
        }
      },
      undefined,
      moves ? this.#options.motionMs : 0,
    );
  }

  #status(command: CommandText, refuse: (code: SankyoErrorCode) => Reply): Reply {
    if (!['0', '1', '2', '3'].includes(command.pm)) return refuse('01');
    const latched = this.#latchedError;
    if (latched) {
      this.#latchedError = undefined;
      return refuse(latched);
    }
    if (command.pm === '0') return this.#positive(command);
    // Sensor bytes (layout ours): gate sensor, inner sensor, contacts landed, chip powered, entry enabled.
    const slot = this.#slot;
    const flag = (value: boolean): string => (value ? '1' : '0');
    const sensors = textOf(
      flag(slot.at === 'gate') +
        flag(slot.at === 'inside') +
        flag(slot.at === 'inside' && slot.contacts) +
        flag(slot.at === 'inside' && slot.powered) +
        flag(this.#entry !== 'disabled'),
    );
    return this.#positive(command, undefined, () => sensors);
  }

  #eject(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    const slot = this.#slot;
    if (slot.at === 'empty') return refuse('02');
    if (slot.at === 'gate') return this.#positive(command);
    if (this.#faults.takeJam()) return refuse('10', this.#options.motionMs);
    return this.#positive(command, () => this.#toGate(slot.card), undefined, this.#options.motionMs);
  }

  #capture(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    const slot = this.#slot;
    if (slot.at === 'empty') return refuse('02');
    if (this.#bin.length >= this.#options.binCapacity) return refuse('50');
    if (this.#faults.takeJam()) return refuse('10', this.#options.motionMs);
    if (this.#faults.takePull()) {
      return {
        ...negativeReply(command, '40', this.#options.motionMs),
        commit: () => {
          this.#stopTakeTimer();
          this.#slot = { at: 'empty' };
        },
      };
    }
    return this.#positive(command, () => this.#toBin(slot.card), undefined, this.#options.motionMs);
  }

  #retrieve(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    if (command.pm !== '0') return refuse('01');
    const slot = this.#slot;
    if (slot.at === 'empty') return refuse('02');
    if (slot.at === 'inside') return this.#positive(command);
    if (this.#faults.takeJam()) return refuse('10', this.#options.motionMs);
    return this.#positive(
      command,
      () => {
        this.#stopTakeTimer();
        this.#slot = { at: 'inside', card: slot.card, contacts: false, powered: false };
      },
      undefined,
      this.#options.motionMs,
    );
  }

  #readTrack(command: CommandText, refuse: (code: SankyoErrorCode) => Reply): Reply {
    const track = command.pm === '1' ? 'track1' : command.pm === '2' ? 'track2' : command.pm === '3' ? 'track3' : undefined;
    if (!track) return refuse('01');
    const slot = this.#slot;
    if (slot.at !== 'inside') return refuse('02');
    const data = slot.card.tracks?.[track];
    if (data === undefined || data.length === 0) return refuse('24');
    // The reader returns the characters between the sentinels, without the LRC.
    return this.#positive(command, undefined, () => textOf(withoutSentinels(data)));
  }

  #icContact(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    if (command.pm !== '0' && command.pm !== '2') return refuse('01');
    const slot = this.#slot;
    if (slot.at !== 'inside') return refuse('02');
    const land = command.pm === '0';
    if (slot.contacts === land) return this.#positive(command);
    if (this.#faults.takeJam()) return refuse('10', this.#options.motionMs);
    return this.#positive(
      command,
      () => {
        this.#slot = { at: 'inside', card: slot.card, contacts: land, powered: false };
      },
      undefined,
      this.#options.motionMs,
    );
  }

  #icc(command: CommandText, refuse: (code: SankyoErrorCode) => Reply): Reply {
    const slot = this.#slot;
    if (slot.at !== 'inside' || !slot.contacts) return refuse('02');
    const chip = slot.card.chip;
    switch (command.pm) {
      case '0': {
        if (!chip) return refuse('63');
        return this.#positive(
          command,
          () => {
            this.#slot = { ...slot, powered: true };
          },
          () => chip.reset(),
        );
      }
      case '1':
        return this.#positive(command, () => {
          this.#slot = { ...slot, powered: false };
        });
      case '3':
      case '4':
      case '9': {
        if (!chip || !slot.powered) return refuse('02');
        const protocol: IccProtocol | undefined =
          command.pm === '3' ? 'T0' : command.pm === '4' ? 'T1' : chip.protocols[0];
        if (!protocol || !chip.protocols.includes(protocol)) return refuse('66');
        if (command.data.length < 4) return refuse('01');
        return this.#positive(command, undefined, () => chip.transmit(command.data, protocol));
      }
      default:
        return refuse('01');
    }
  }

  // ── mechanism ───────────────────────────────────────────────────────

  #toGate(card: VirtualCard): void {
    this.#slot = { at: 'gate', card };
    this.#ejected++;
    this.#stopTakeTimer();
    this.#takeTimer = setTimeout(() => this.#captureForgottenCard(), this.#options.takeTimeoutMs);
  }

  #toBin(card: VirtualCard): void {
    this.#stopTakeTimer();
    this.#slot = { at: 'empty' };
    this.#bin.push(card);
    this.#retained++;
    this.#lastCaptured = true;
  }

  /** An ejected card left at the gate is pulled back into the bin, so the next person cannot take it. */
  #captureForgottenCard(): void {
    this.#takeTimer = undefined;
    const slot = this.#slot;
    if (slot.at !== 'gate') return;
    if (this.#faults.takePull()) {
      this.#slot = { at: 'empty' };
      this.#latchedError = '40';
      return;
    }
    this.#toBin(slot.card);
    this.#latchedError = '46';
  }

  #stopTakeTimer(): void {
    if (this.#takeTimer !== undefined) clearTimeout(this.#takeTimer);
    this.#takeTimer = undefined;
  }
}
