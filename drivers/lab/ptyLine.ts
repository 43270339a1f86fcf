import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createPtyPair, type PtyPair } from '../transport/ptyPair';
import { openSerialTransport } from '../transport/serial';
import type { ByteTransport, SerialSettings } from '../transport/types';

/**
 * One simulated cable: a socat pty pair in a fixed directory. The simulator
 * owns the device end; the host end's path is what the kiosk is configured
 * with. Unplugging kills the pair, so the host's node vanishes as a USB
 * serial adapter's does; plugging again brings the same path back.
 */

type LineSettings = Omit<SerialSettings, 'path' | 'noModemLines'>;

export class PtyLine {
  readonly #directory: string;
  readonly #settings: LineSettings;
  #pair: PtyPair | undefined;
  #device: ByteTransport | undefined;
  #unplugs = 0;
  #replugs = 0;

  private constructor(directory: string, settings: LineSettings) {
    this.#directory = directory;
    this.#settings = settings;
  }

  static async create(directory: string, settings: LineSettings): Promise<PtyLine> {
    await mkdir(directory, { recursive: true });
    return new PtyLine(directory, settings);
  }

  /** The path the kiosk opens; stable across unplug and replug. */
  get hostPath(): string {
    return join(this.#directory, 'a');
  }

  get isPlugged(): boolean {
    return this.#pair !== undefined;
  }

  /** Makes the pair and opens the device end; the simulator attaches to what this returns. */
  async plug(): Promise<ByteTransport> {
    if (this.#pair) throw new Error('the line is already plugged in');
    const pair = await createPtyPair({ directory: this.#directory });
    try {
      this.#device = await openSerialTransport({ ...this.#settings, path: pair.b, noModemLines: true });
    } catch (error) {
      await pair.close();
      throw error;
    }
    this.#pair = pair;
    return this.#device;
  }

  /** The simulator should already have let go of the device end (it closes it on unplug). */
  async unplug(): Promise<void> {
    const pair = this.#pair;
    const device = this.#device;
    this.#pair = undefined;
    this.#device = undefined;
    if (device?.isOpen) await device.close();
    await pair?.close();
  }

  /** Times the cable was pulled, and put back, by the two methods below. */
  get unplugs(): number {
    return this.#unplugs;
  }

  get replugs(): number {
    return this.#replugs;
  }

  /** Pulls the cable from under a simulator: it lets go of its end first. Nothing happens when already unplugged. */
  async unplugFrom(simulator: { unplug(): Promise<void> }): Promise<void> {
    if (!this.isPlugged) return;
    await simulator.unplug();
    await this.unplug();
    this.#unplugs += 1;
  }

  /** Puts the cable back and hands the simulator its new end. Nothing happens when already plugged. */
  async replugInto(simulator: { replug(device: ByteTransport): void }): Promise<void> {
    if (this.isPlugged) return;
    simulator.replug(await this.plug());
    this.#replugs += 1;
  }
}
