import { err, ok, type Result } from '../../common/result';
import { FingerprintSimulator, type SimulatorOptions } from '../fingerprint/simulator';
import type { AuraState } from '../fingerprint/simulator';
import type { VirtualFinger } from '../../common/fingerprint/fingers';
import { DEFAULT_SLOW_MS, type FaultError, type FaultRequest } from './faults';
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

  async applyFault(fault: FaultRequest): Promise<Result<void, FaultError>> {
    if (fault.kind === 'unplug' || fault.kind === 'replug') {
      await this.cable(fault.kind);
      return ok();
    }
    switch (fault.kind) {
      case 'garble':
        this.simulator.garbleNextReply();
        return ok();
      case 'truncate':
        this.simulator.truncateNextReply();
        return ok();
      case 'jam':
      case 'noAck':
        // A module has no ACK layer and nothing to jam: both mean it hangs and answers nothing.
        this.#responding = false;
        this.simulator.setResponding(false);
        return ok();
      case 'slow':
        this.#slowMs = fault.delayMs ?? DEFAULT_SLOW_MS;
        this.simulator.setLatency(this.#slowMs);
        return ok();
      case 'liftMidCapture':
        this.simulator.liftFingerMidCapture();
        return ok();
      case 'none':
        this.#slowMs = 0;
        this.#responding = true;
        this.simulator.setLatency(0);
        this.simulator.setResponding(true);
        return ok();
      case 'cardPulled':
        return err({ type: 'notApplicable', device: 'fingerprint', kind: fault.kind });
    }
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
