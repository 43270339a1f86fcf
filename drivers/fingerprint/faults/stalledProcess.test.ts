import { afterEach, describe, expect, it } from 'vitest';
import { FingerprintReader } from '../driver';
import { FingerprintSimulator } from '../simulator';
import { createPtyPair, type PtyPair } from '../../transport/ptyPair';
import { openPtyEnds } from '../../transport/testing/ptyLine';
import type { ByteTransport } from '../../transport/types';

/**
 * Fault: the kiosk's process is stalled (a busy machine, a long garbage collection) past a command's timeout while
 * the module's answer is already on the line. When the process runs again, the expired timer and the waiting answer
 * are both due; the answer must win: a module that answered in time is not "not responding".
 */

let pair: PtyPair | undefined;
let reader: FingerprintReader | undefined;
let simulator: FingerprintSimulator | undefined;
afterEach(async () => {
  reader?.dispose();
  await simulator?.unplug();
  await pair?.close();
  pair = undefined;
});

/** Holds the whole process for `ms`, as a machine with no CPU to spare does. */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: no timer, no I/O runs meanwhile
  }
}

describe('fault: the process stalls while the answer is on its way', () => {
  it('an answer written before the stall is taken after it, not reported as a timeout', async () => {
    pair = await createPtyPair();
    const [hostPort, devicePort] = await openPtyEnds(pair, { baudRate: 57600, noModemLines: true });
    let stalls = 0;
    // The module's side: once its answer is handed to the OS, the process stalls for twice the command's timeout.
    const stallingDevice: ByteTransport = {
      get isOpen() {
        return devicePort.isOpen;
      },
      write: async (data) => {
        await devicePort.write(data);
        if (stalls++ === 0) stall(400);
      },
      onData: (listener) => devicePort.onData(listener),
      onClose: (listener) => devicePort.onClose(listener),
      close: () => devicePort.close(),
    };
    simulator = new FingerprintSimulator();
    simulator.attach(stallingDevice);
    reader = new FingerprintReader(hostPort, { baudRate: 57600 });
    expect(await reader.templateCount({ timeoutMs: 200 })).toEqual({ ok: true, value: 0 });
    expect(stalls).toBeGreaterThan(0);
  });
});
