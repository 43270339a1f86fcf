import type { VirtualCard } from '../cardData/virtualCard';
import type { MemoryHidDevice } from './memoryHid';
import { buildMagtekReport, type EncodeType, type ReportTrack } from './report';

/** A MagTek HID swipe reader in JavaScript: a swipe of a virtual card becomes one 337-byte report. */

interface SwipeFaults {
  /** Tracks (1..3) the head fails to decode: status byte non-zero, no data. */
  readonly unreadableTracks?: readonly (1 | 2 | 3)[];
}

/** A decode status as the reader reports a bad read; any non-zero value means failure. */
const DECODE_FAILED = 1;

export class MagstripeSimulator {
  readonly #device: MemoryHidDevice;
  #swipes = 0;

  constructor(device: MemoryHidDevice) {
    this.#device = device;
  }

  get swipes(): number {
    return this.#swipes;
  }

  /** Swipes a card through the reader. A card without a stripe gives a report with encode type "none". */
  swipe(card: VirtualCard, faults: SwipeFaults = {}): void {
    const stripe = card.tracks;
    const texts = [stripe?.track1, stripe?.track2, stripe?.track3];
    const tracks = texts.map((text, index): ReportTrack => {
      const failed = faults.unreadableTracks?.includes((index + 1) as 1 | 2 | 3) ?? false;
      if (failed && text !== undefined) return { status: DECODE_FAILED };
      return text === undefined ? {} : { text };
    }) as [ReportTrack, ReportTrack, ReportTrack];
    const encodeType: EncodeType = texts.some((text) => text !== undefined) ? 'isoAba' : 'none';
    this.#swipes++;
    this.#device.sendReport(buildMagtekReport(tracks, encodeType));
  }

  /** A raw report, for feeding the host something no real card produces. */
  sendRaw(report: Uint8Array): void {
    this.#device.sendReport(report);
  }

  unplug(): void {
    this.#device.unplug();
  }
}
