import { createMemoryHid, type MemoryHidDevice } from '../magstripe/memoryHid';
import { MagstripeSimulator } from '../magstripe/simulator';
import type { HidTransport } from '../transport/types';
import type { VirtualCard } from '../cardData/virtualCard';

/**
 * The magstripe swipe reader (a MagTek HID reader) on the lab bench. No
 * virtual HID device can be made on these machines, so the host side is an
 * in-memory HidTransport that only this process can open; a replug hands out
 * a new one.
 */

interface MagstripeStationState {
  readonly plugged: boolean;
  readonly swipes: number;
}

export class MagstripeStation {
  #device: MemoryHidDevice;
  #host: HidTransport;
  #simulator: MagstripeSimulator;
  #swipes = 0;

  constructor() {
    const { host, device } = createMemoryHid();
    this.#host = host;
    this.#device = device;
    this.#simulator = new MagstripeSimulator(device);
  }

  /** The host's end, for the kiosk's magstripe device in demo mode. */
  openHost(): HidTransport | undefined {
    return this.#device.isPlugged ? this.#host : undefined;
  }

  swipe(card: VirtualCard): boolean {
    if (!this.#device.isPlugged) return false;
    this.#simulator.swipe(card);
    this.#swipes += 1;
    return true;
  }

  unplug(): void {
    this.#simulator.unplug();
  }

  replug(): void {
    if (this.#device.isPlugged) return;
    const { host, device } = createMemoryHid();
    this.#host = host;
    this.#device = device;
    this.#simulator = new MagstripeSimulator(device);
  }

  state(): MagstripeStationState {
    return { plugged: this.#device.isPlugged, swipes: this.#swipes };
  }
}
