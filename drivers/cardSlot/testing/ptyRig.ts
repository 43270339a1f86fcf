import { createPtyPair } from '../../transport/ptyPair';
import { countingTransport, openPtyEnds, type LineCount } from '../../transport/testing/ptyLine';
import { CardSlot, type CardSlotTimings } from '../driver';
import { CardSlotSimulator, type CardSlotSimulatorOptions } from '../simulator';

/**
 * A card slot driver and its simulator joined by a real pty pair (socat), both
 * ends opened 8E1 without modem lines as DEVICES.md §8 prescribes. Used by the
 * specs, the bench and the lab; the line's bytes are counted both ways.
 */

export interface CardSlotRig {
  readonly slot: CardSlot;
  readonly simulator: CardSlotSimulator;
  readonly baudRate: number;
  readonly line: LineCount;
  /** The cable is pulled: the reader loses power and the port disappears. */
  unplug(): Promise<void>;
  /** A new cable and port: the simulator powers up on it and a new driver opens it. */
  replug(): Promise<CardSlot>;
  close(): Promise<void>;
}

interface CardSlotRigOptions {
  readonly baudRate?: number;
  readonly simulator?: CardSlotSimulatorOptions;
  readonly timings?: Partial<CardSlotTimings>;
}

const lineSettings = (baudRate: number) => ({ baudRate, parity: 'even', dataBits: 8, stopBits: 1, noModemLines: true }) as const;

export async function openCardSlotRig(options: CardSlotRigOptions = {}): Promise<CardSlotRig> {
  const baudRate = options.baudRate ?? 38400;
  const line: LineCount = { sent: 0, received: 0 };
  let pair = await createPtyPair();
  let [host, device] = await openPtyEnds(pair, lineSettings(baudRate));
  const simulator = new CardSlotSimulator(device, { baudRate, ...options.simulator });
  let slot = new CardSlot(countingTransport(host, line), options.timings);

  return {
    get slot() {
      return slot;
    },
    simulator,
    baudRate,
    line,
    async unplug() {
      await simulator.unplug();
      await pair.close();
    },
    async replug() {
      slot.dispose();
      await host.close();
      pair = await createPtyPair();
      [host, device] = await openPtyEnds(pair, lineSettings(baudRate));
      simulator.replug(device);
      slot = new CardSlot(countingTransport(host, line), options.timings);
      return slot;
    },
    async close() {
      slot.dispose();
      await simulator.close();
      await host.close();
      await pair.close();
    },
  };
}
