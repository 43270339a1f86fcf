import { createNanoEvents } from 'nanoevents';
import { err, ok, type Result } from '../../common/result';
import { sleep } from '../../common/time';
import type { VirtualCard } from '../cardData/virtualCard';
import { magneticCommands, readTracksOf } from './simulatedMagnetic';
import { iccCommands } from './simulatedIcc';
import { negativeReply, positiveReply, waitingReply, type PositiveOptions, type Reply } from './simulatedReplies';
import { serviceCommands, supervisorCommand } from './simulatedService';
import type { CardSlotFaults } from './simulatorFaults';
import {
  CommandCode,
  cardEntryModeOf,
  decodeInitializeSettings,
  entryModeOf,
  initializeModeOf,
  type CardPosition,
  type CommandText,
  type EntryMode,
  type SankyoErrorCode,
} from './text';

import {
  freshState,
  type CardSlotCounters,
  type InsertCardError,
  type PersonEvent,
  type ReaderCore,
  type ReaderMechanics,
  type ReaderState,
  type Slot,
  type ServedCommands,
  type SlotState,
  type TakeCardError,
} from './simulatedState';

export type { CardSlotCounters, InsertCardError, ReaderMechanics, SlotState, TakeCardError } from './simulatedState';

/**
 * The simulated reader without its link: where the card is, the shutter, the
 * IC contacts, the rear bin and the take timer, and what each command of the
 * ICT3Q8 table (MCT3Q8-3A0264 §8.1) does to them. A command's effect is a
 * `Reply` (simulatedReplies.ts) that the link commits only if the command
 * completes. The commands live by group in simulatedMagnetic.ts,
 * simulatedIcc.ts and simulatedService.ts; they reach the reader through
 * `ReaderCore`.
 */

const NO_WAIT: readonly PersonEvent[] = [];

/** The commands a file of their own serves (simulatedService, simulatedMagnetic, simulatedIcc; each lists its own), by command code. */
const SERVED = new Map(Object.entries({ ...serviceCommands, ...magneticCommands, ...iccCommands } satisfies ServedCommands));

export class SimulatedReader implements ReaderCore {
  readonly mechanics: ReaderMechanics;
  readonly faults: CardSlotFaults;
  readonly state: ReaderState = freshState();
  #takeTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #events = createNanoEvents<{ person: (event: PersonEvent) => void }>();

  constructor(mechanics: ReaderMechanics, faults: CardSlotFaults) {
    this.mechanics = mechanics;
    this.faults = faults;
  }

  get slotState(): SlotState {
    const { slot } = this.state;
    if (slot.at === 'empty') return this.state.lastCaptured ? 'captured' : 'noCard';
    return slot.at === 'gate' ? 'atGate' : 'inside';
  }

  /** The card in the slot (at the gate or inside). */
  get card(): VirtualCard | undefined {
    const { slot } = this.state;
    return slot.at === 'empty' ? undefined : slot.card;
  }

  get counters(): CardSlotCounters {
    return { ...this.state.counters };
  }

  get entryMode(): EntryMode {
    return this.state.entry;
  }

  // ── the person at the kiosk ──────────────────────────────────────────

  insertCard(card: VirtualCard): Result<void, InsertCardError> {
    const { state } = this;
    if (state.slot.at !== 'empty') return err({ type: 'slotOccupied' });
    // Waiting in a card-entry command (C 2 x) accepts a card as Enable mode does.
    const mode = state.entryWait ?? state.entry;
    if (mode === 'disabled') return err({ type: 'entryDisabled' });
    const hasStripe = card.tracks !== undefined && Object.values(card.tracks).some((track) => track !== undefined);
    if (mode === 'magneticOnly' && !hasStripe) return err({ type: 'rejectedNoStripe' });
    state.slot = { at: 'inside', card, contacts: false, chip: { powered: false } };
    // The stripe is read into the buffer as the card is carried in (§9.3).
    state.trackBuffer = readTracksOf(card);
    state.lastCaptured = false;
    state.counters.inserted++;
    state.passes++;
    // The shutter closes behind an accepted card.
    state.entry = 'disabled';
    state.entryWait = undefined;
    this.#emit('inserted');
    return ok();
  }

  takeCard(): Result<VirtualCard, TakeCardError> {
    const { slot } = this.state;
    if (slot.at !== 'gate') return err({ type: 'noCardAtGate' });
    this.state.slot = { at: 'empty' };
    this.#stopTakeTimer();
    this.#emit('taken');
    return ok(slot.card);
  }

  /** A technician empties the rear bin: the cards come out (the retract counter is the host's to reset). */
  emptyBin(): readonly VirtualCard[] {
    return this.state.bin.splice(0);
  }

  // ── power ────────────────────────────────────────────────────────────

  /** Without power the mechanism stops: a card at the gate stays there. */
  halt(): void {
    this.#stopTakeTimer();
  }

  /** Power came back (or went): the reader wants Initialize again, error B0 until then. */
  requireInitialize(): void {
    this.state.initialized = false;
    this.state.area = 'user';
    this.state.maintenance = false;
  }

  // ── ReaderCore ───────────────────────────────────────────────────────

  position(): CardPosition {
    const { slot } = this.state;
    return slot.at === 'empty' ? 'noCard' : slot.at === 'gate' ? 'atGate' : 'inside';
  }

  positive(command: CommandText, options: PositiveOptions = {}): Reply {
    return positiveReply(command, () => this.position(), options);
  }

  refuse(command: CommandText, code: SankyoErrorCode, delayMs = 0, data?: Uint8Array): Reply {
    return negativeReply(command, code, delayMs, data);
  }

  toGate(card: VirtualCard): void {
    this.state.slot = { at: 'gate', card };
    this.state.counters.ejected++;
    this.state.passes++;
    this.state.writeBuffer = {};
    this.#stopTakeTimer();
    this.#takeTimer = setTimeout(() => this.#captureForgottenCard(), this.mechanics.takeTimeoutMs);
  }

  toBin(card: VirtualCard): void {
    this.#stopTakeTimer();
    const { state } = this;
    state.slot = { at: 'empty' };
    state.bin.push(card);
    state.counters.retained++;
    state.passes++;
    state.trackBuffer = undefined;
    if (state.retract.counting) state.retract.value = Math.min(99, state.retract.value + 1);
    state.lastCaptured = true;
    this.#emit('captured');
  }

  async waitFor(events: readonly PersonEvent[], ms: number, signal: AbortSignal): Promise<PersonEvent | 'timeout' | 'aborted'> {
    const stop = new AbortController();
    let seen: PersonEvent | undefined;
    const listener = (event: PersonEvent): void => {
      if (!events.includes(event)) return;
      seen = event;
      stop.abort();
    };
    const onAbort = (): void => stop.abort();
    const unlisten = this.#events.on('person', listener);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const slept = await sleep(ms, { signal: stop.signal });
      if (seen) return seen;
      return slept ? 'timeout' : 'aborted';
    } finally {
      unlisten();
      signal.removeEventListener('abort', onAbort);
    }
  }

  // ── the reader's commands ───────────────────────────────────────────

  /** What one command does, committed only when the link lets it complete. */
  execute(command: CommandText): Reply {
    const { state } = this;
    if (state.area === 'supervisor') return supervisorCommand(this, command);
    if (!state.initialized && command.cm !== CommandCode.initialize) return this.refuse(command, 'B0');
    // In maintenance mode only the port commands, status and Initialize (which leaves it) are served.
    if (state.maintenance && !([CommandCode.portInOut, CommandCode.initialize, CommandCode.status] as string[]).includes(command.cm)) {
      return this.refuse(command, '02');
    }
    switch (command.cm) {
      case CommandCode.initialize:
        return this.#initialize(command);
      case CommandCode.cardEntry:
        return this.#cardEntry(command);
      case CommandCode.entry: {
        const mode = entryModeOf(command.pm);
        if (!mode) return this.refuse(command, '01');
        return this.positive(command, { commit: () => (state.entry = mode) });
      }
      case CommandCode.carry:
        if (command.pm === '0') return this.#eject(command);
        if (command.pm === '1') return this.#capture(command);
        return this.refuse(command, '01');
      case CommandCode.retrieve:
        return this.#retrieve(command);
      case CommandCode.switchArea:
        if (command.pm !== '0') return this.refuse(command, '01');
        return this.positive(command, { commit: () => (state.area = 'supervisor') });
      default: {
        const served = SERVED.get(command.cm);
        return served ? served(this, command) : this.refuse(command, '00');
      }
    }
  }

  #initialize(command: CommandText): Reply {
    const parsed = initializeModeOf(command.pm);
    if (!parsed) return this.refuse(command, '01');
    const settings = decodeInitializeSettings(command.data);
    if (!settings) return this.refuse(command, '04');
    const { mode, countRetracts } = parsed;
    const { state } = this;
    const slot = state.slot;
    const moves = slot.at !== 'empty' && mode !== 'dontMove' && !(mode === 'keepInside' && slot.at === 'inside');
    if (mode === 'capture' && slot.at !== 'empty' && countRetracts && state.retract.value >= 99) return this.refuse(command, '50');
    if (moves && this.faults.takeJam()) return this.refuse(command, '10', this.mechanics.motionMs);
    return this.positive(command, {
      delayMs: moves ? this.mechanics.motionMs : 0,
      data: () => (settings.reportType ? this.state.readerType : new Uint8Array(0)),
      commit: () => {
        Object.assign(state, { initialized: true, entry: 'disabled', latchedError: undefined, maintenance: false, settings });
        state.retract.counting = countRetracts;
        state.writeBuffer = {};
        state.formats = { 1: true, 2: true, 3: true };
        state.outputs = ['off', 'off', 'off', 'off'];
        state.samSelected = 1;
        state.samActive = false;
        state.i2c = undefined;
        state.iccChain = undefined;
        if (slot.at === 'empty') return;
        switch (mode) {
          case 'cardToGate':
            this.toGate(slot.card);
            return;
          case 'capture':
            this.toBin(slot.card);
            return;
          case 'keepInside':
          case 'dontMove':
            this.#stopTakeTimer();
            // Initialize lifts the IC contacts (§9.11) whatever it does with the card.
            if (slot.at === 'inside') state.slot = { at: 'inside', card: slot.card, contacts: false, chip: { powered: false } };
            return;
        }
      },
    });
  }

  #cardEntry(command: CommandText): Reply {
    const mode = cardEntryModeOf(command.pm);
    if (!mode) return this.refuse(command, '01');
    const { state } = this;
    if (state.slot.at !== 'empty') return this.refuse(command, '02');
    if (mode === 'fromRear') {
      // Nobody inserts a card from the rear of the kiosk: after the reader's wait, error 19.
      return waitingReply(async (signal) => {
        const ended = await this.waitFor(NO_WAIT, this.mechanics.rearEntryWaitMs, signal);
        return ended === 'aborted' ? undefined : this.refuse(command, '19');
      });
    }
    return waitingReply(async (signal) => {
      state.entryWait = mode;
      const ended = await this.waitFor(['inserted'], 2 ** 31 - 1, signal);
      state.entryWait = undefined;
      return ended === 'inserted' ? this.positive(command, { delayMs: this.mechanics.motionMs }) : undefined;
    });
  }

  #eject(command: CommandText): Reply {
    const slot = this.state.slot;
    const tm = String.fromCharCode(...command.data);
    if (command.data.length > 0 && !(/^[0-9]{3}$/.test(tm) && Number(tm) <= 20)) return this.refuse(command, '04');
    if (slot.at === 'empty') return this.refuse(command, '02');
    if (slot.at === 'gate') return this.positive(command);
    if (this.faults.takeJam()) return this.refuse(command, '10', this.mechanics.motionMs);
    return this.positive(command, { commit: () => this.toGate(slot.card), delayMs: this.mechanics.motionMs });
  }

  #capture(command: CommandText): Reply {
    const { state } = this;
    const slot = state.slot;
    if (slot.at === 'empty') return this.refuse(command, '02');
    if (state.bin.length >= this.mechanics.binCapacity) return this.refuse(command, '50');
    if (state.retract.counting && state.retract.value >= 99) return this.refuse(command, '50');
    if (this.faults.takeJam()) return this.refuse(command, '10', this.mechanics.motionMs);
    if (this.faults.takePull()) {
      const pulled = (): void => {
        this.#stopTakeTimer();
        state.slot = { at: 'empty' };
        state.trackBuffer = undefined;
      };
      // Cp decides whether a card snatched during capture is an error (§9.1).
      if (!state.settings.pulledOutIsError) return this.positive(command, { commit: pulled, delayMs: this.mechanics.motionMs });
      return { ...this.refuse(command, '40', this.mechanics.motionMs), commit: pulled };
    }
    return this.positive(command, { commit: () => this.toBin(slot.card), delayMs: this.mechanics.motionMs });
  }

  #retrieve(command: CommandText): Reply {
    if (command.pm !== '0') return this.refuse(command, '01');
    const { state } = this;
    const slot = state.slot;
    if (slot.at === 'empty') return this.refuse(command, '02');
    if (slot.at === 'inside') return this.positive(command);
    if (this.faults.takeJam()) return this.refuse(command, '17', this.mechanics.motionMs);
    return this.positive(command, {
      delayMs: this.mechanics.motionMs,
      commit: () => {
        this.#stopTakeTimer();
        state.slot = { at: 'inside', card: slot.card, contacts: false, chip: { powered: false } };
        state.trackBuffer = readTracksOf(slot.card);
        state.passes++;
      },
    });
  }

  /** An ejected card left at the gate is pulled back into the bin, so the next person cannot take it. */
  #captureForgottenCard(): void {
    this.#takeTimer = undefined;
    const { state } = this;
    const slot: Slot = state.slot;
    if (slot.at !== 'gate') return;
    if (this.faults.takePull()) {
      state.slot = { at: 'empty' };
      state.latchedError = '40';
      this.#emit('taken');
      return;
    }
    this.toBin(slot.card);
    // Reported once, on the next status request (a removal monitor running now answers 46 itself).
    state.latchedError = '46';
  }

  #stopTakeTimer(): void {
    if (this.#takeTimer !== undefined) clearTimeout(this.#takeTimer);
    this.#takeTimer = undefined;
  }

  #emit(event: PersonEvent): void {
    this.#events.emit('person', event);
  }
}
