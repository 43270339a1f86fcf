import type { Result } from '../../common/result';
import { FingerprintSimulator, type SimulatorOptions } from '../fingerprint/simulator';
import type { AuraState } from '../fingerprint/simulator';
import type { VirtualFinger } from '../../common/fingerprint/fingers';
import { applyStationFault, DEFAULT_SLOW_MS, type FaultError, type FaultRequest } from './faults';
import { fingerLabel } from './fingerNames';
import type { PtyLine } from './ptyLine';
import { PtyStation } from './ptyStation';

/** The fingerprint reader on the lab bench: the simulated module, its cable, and the finger on the glass. */

interface FingerprintStationState {
  readonly plugged: boolean;
  readonly state: 'unplugged' | 'noFinger' | 'fingerOnGlass';
  /** Whose finger is on the glass; the template never leaves the simulator. */
  readonly finger: { readonly person: string; readonly finger: string } | null;
  readonly led: AuraState | null;
  readonly faults: { readonly slowMs: number; readonly responding: boolean };
  readonly counters: { readonly placements: number; readonly unplugs: number; readonly replugs: number };
}

export class FingerprintStation extends PtyStation<FingerprintSimulator> {
  #slowMs = 0;
  #responding = true;
  #placements = 0;

  private constructor(line: PtyLine, simulator: FingerprintSimulator) {
    super(line, simulator);
  }

  static async start(line: PtyLine, options: SimulatorOptions = {}): Promise<FingerprintStation> {
    const simulator = new FingerprintSimulator(options);
    simulator.attach(await line.plug());
    return new FingerprintStation(line, simulator);
  }

  place(finger: VirtualFinger, options: { poorImages?: number } = {}): void {
    this.simulator.placeFinger(finger, options);
    this.#placements += 1;
  }

  lift(): void {
    this.simulator.liftFinger();
  }

  applyFault(fault: FaultRequest): Promise<Result<void, FaultError>> {
    const latency = (ms: number): void => {
      this.#slowMs = ms;
      this.simulator.setLatency(ms);
    };
    const responding = (on: boolean): void => {
      this.#responding = on;
      this.simulator.setResponding(on);
    };
    // A module has no ACK layer and nothing to jam: both mean it hangs and answers nothing.
    const hang = (): void => responding(false);
    return applyStationFault(fault, 'fingerprint', (kind) => this.cable(kind), {
      garble: () => this.simulator.garbleNextReply(),
      truncate: () => this.simulator.truncateNextReply(),
      jam: hang,
      noAck: hang,
      slow: ({ delayMs }) => latency(delayMs ?? DEFAULT_SLOW_MS),
      liftMidCapture: () => this.simulator.liftFingerMidCapture(),
      none: () => {
        latency(0);
        responding(true);
      },
    });
  }

  state(): FingerprintStationState {
    const finger = this.simulator.fingerOnGlass;
    const plugged = this.line.isPlugged;
    return {
      plugged,
      state: !plugged ? 'unplugged' : finger ? 'fingerOnGlass' : 'noFinger',
      finger: finger ? { person: finger.personId, finger: fingerLabel(finger.finger) } : null,
      led: this.simulator.led ?? null,
      faults: { slowMs: this.#slowMs, responding: this.#responding },
      counters: { placements: this.#placements, unplugs: this.line.unplugs, replugs: this.line.replugs },
    };
  }

  async close(): Promise<void> {
    await this.simulator.unplug();
    await this.line.unplug();
  }
}
