import type { Result } from '../../common/result';
import {
  type CardSlotCounters,
  CardSlotSimulator,
  type CardSlotSimulatorOptions,
  type InsertCardError,
  type LinkStats,
  type SlotState,
  type TakeCardError,
} from '../cardSlot/simulator';
import type { EntryMode } from '../cardSlot/text';
import type { VirtualCard } from '../cardData/virtualCard';
import { applyStationFault, DEFAULT_SLOW_MS, type FaultError, type FaultRequest } from './faults';
import type { PtyLine } from './ptyLine';
import { PtyStation } from './ptyStation';

/** The motorised card slot on the lab bench: the simulated reader, its cable, and the person's hand. */

interface CardSlotStationState {
  readonly plugged: boolean;
  readonly state: SlotState | 'unplugged';
  readonly entry: EntryMode;
  /** The card at the gate or inside; `retainedCards` are in the rear bin. */
  readonly card: { readonly id: string; readonly kind: VirtualCard['kind']; readonly at: 'gate' | 'inside' } | null;
  readonly retainedCards: readonly string[];
  readonly faults: { readonly slowMs: number };
  readonly counters: CardSlotCounters & { readonly unplugs: number; readonly replugs: number };
  readonly link: LinkStats;
}

export class CardSlotStation extends PtyStation<CardSlotSimulator> {
  #slowMs = 0;

  private constructor(line: PtyLine, simulator: CardSlotSimulator) {
    super(line, simulator);
  }

  static async start(line: PtyLine, options: CardSlotSimulatorOptions = {}): Promise<CardSlotStation> {
    const simulator = new CardSlotSimulator(await line.plug(), options);
    return new CardSlotStation(line, simulator);
  }

  insert(card: VirtualCard): Result<void, InsertCardError> {
    return this.simulator.insertCard(card);
  }

  take(): Result<VirtualCard, TakeCardError> {
    return this.simulator.takeCard();
  }

  applyFault(fault: FaultRequest): Promise<Result<void, FaultError>> {
    const slow = (ms: number): void => {
      this.#slowMs = ms;
      this.simulator.setSlow(ms);
    };
    return applyStationFault(fault, 'cardSlot', (kind) => this.cable(kind), {
      jam: () => this.simulator.jamNextMotion(),
      garble: () => this.simulator.garbleNextReply(),
      noAck: () => this.simulator.dropNextCommand(),
      slow: ({ delayMs }) => slow(delayMs ?? DEFAULT_SLOW_MS),
      cardPulled: () => this.simulator.pullCardDuringNextCapture(),
      none: () => slow(0),
    });
  }

  state(): CardSlotStationState {
    const sim = this.simulator;
    const card = sim.card;
    const plugged = this.line.isPlugged;
    return {
      plugged,
      state: plugged ? sim.state : 'unplugged',
      entry: sim.entryMode,
      card: card ? { id: card.id, kind: card.kind, at: sim.state === 'atGate' ? 'gate' : 'inside' } : null,
      retainedCards: sim.retainedCards.map((retained) => retained.id),
      faults: { slowMs: this.#slowMs },
      counters: { ...sim.counters, unplugs: this.line.unplugs, replugs: this.line.replugs },
      link: sim.stats,
    };
  }

  async close(): Promise<void> {
    await this.simulator.close();
    await this.line.unplug();
  }
}
