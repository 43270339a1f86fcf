import { createPtyPair, type PtyPair } from '../../transport/ptyPair';
import { openPtyEnds } from '../../transport/testing/ptyLine';
import type { ByteTransport } from '../../transport/types';
import { FingerprintReader, type FingerprintReaderOptions } from '../driver';
import { FingerprintSimulator, type SimulatorOptions } from '../simulator';

/** A reader on one end of a real pty pair and the simulated module on the other. */
export interface PtyRig {
  readonly simulator: FingerprintSimulator;
  readonly reader: FingerprintReader;
  readonly hostPort: ByteTransport;
  readonly hostPath: string;
  /** Pulls the USB cable: the module stops and the host's port vanishes. */
  unplug(): Promise<void>;
  close(): Promise<void>;
}

export interface PtyRigOptions {
  simulator?: SimulatorOptions;
  reader?: FingerprintReaderOptions;
}

export async function createPtyRig(options: PtyRigOptions = {}): Promise<PtyRig> {
  const baudRate = options.simulator?.baudRate ?? 57600;
  const pair: PtyPair = await createPtyPair();
  const [hostPort, devicePort] = await openPtyEnds(pair, { baudRate, noModemLines: true });
  const simulator = new FingerprintSimulator(options.simulator);
  simulator.attach(devicePort);
  const reader = new FingerprintReader(hostPort, { baudRate, ...options.reader });
  return {
    simulator,
    reader,
    hostPort,
    hostPath: pair.a,
    unplug: async () => {
      await simulator.unplug();
      await pair.close();
    },
    close: async () => {
      reader.dispose();
      await simulator.unplug();
      if (hostPort.isOpen) await hostPort.close();
      await pair.close();
    },
  };
}
