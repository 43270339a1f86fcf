import type { ByteTransport } from '../transport/types';
import type { PtyLine } from './ptyLine';

/** What a serial device's simulator does when its cable is pulled and put back. */
interface PluggableSimulator {
  unplug(): Promise<void>;
  replug(transport: ByteTransport): void;
}

/**
 * A serial device on the lab bench: its simulator at one end of a pty pair,
 * the kiosk's driver at the other, and the cable between them that the bench
 * pulls and puts back the same way for every device.
 */
export abstract class PtyStation<S extends PluggableSimulator> {
  readonly simulator: S;
  protected readonly line: PtyLine;

  protected constructor(line: PtyLine, simulator: S) {
    this.line = line;
    this.simulator = simulator;
  }

  /** The pty the kiosk's driver opens. */
  get hostPath(): string {
    return this.line.hostPath;
  }

  unplug(): Promise<void> {
    return this.line.unplugFrom(this.simulator);
  }

  replug(): Promise<void> {
    return this.line.replugInto(this.simulator);
  }

  /** The cable's own faults, which every station takes. */
  protected cable(kind: 'unplug' | 'replug'): Promise<void> {
    return kind === 'unplug' ? this.unplug() : this.replug();
  }
}
