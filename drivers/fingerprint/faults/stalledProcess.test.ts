import { afterEach, describe, expect, it } from 'vitest';
import { FingerprintReader } from '../driver';
import { FingerprintSimulator } from '../simulator';
import { STALL_PHASES, openStallingLine, type StallingLine } from '../../transport/testing/stallingDevice';

/**
 * Fault: the kiosk's process is stalled (a busy machine, a long garbage collection) past a command's timeout while
 * the module's answer is already on the line. When the process runs again, the expired timer and the waiting answer
 * are both due; the answer must win: a module that answered in time is not "not responding". The stall begins while
 * the answer is being written (a stall begun once the write had resolved could come after the driver had read the
 * answer, and prove nothing), in a timer callback or after the loop's poll for I/O.
 */

let line: StallingLine | undefined;
let reader: FingerprintReader | undefined;
let simulator: FingerprintSimulator | undefined;
afterEach(async () => {
  reader?.dispose();
  await simulator?.unplug();
  await line?.close();
  line = undefined;
  reader = undefined;
  simulator = undefined;
});

describe('fault: the process stalls while the answer is on its way', () => {
  it.each(STALL_PHASES)('an answer being written when a stall begins in the %s phase is taken after it, not reported as a timeout', async (startsIn) => {
    // The answer comes 50 ms into a 200 ms wait; the process then stalls for twice the command's timeout.
    line = await openStallingLine({ baudRate: 57600, noModemLines: true }, { isAnswer: () => true, delayMs: 50, stallMs: 400, startsIn });
    const { host: hostPort, device } = line;
    simulator = new FingerprintSimulator();
    simulator.attach(device.transport);
    reader = new FingerprintReader(hostPort, { baudRate: 57600 });
    expect(await reader.templateCount({ timeoutMs: 200 })).toEqual({ ok: true, value: 0 });
    device.arm();
    expect(await reader.templateCount({ timeoutMs: 200 })).toEqual({ ok: true, value: 0 });
    expect(device.stalls).toBe(1);
  });
});
