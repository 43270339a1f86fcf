import { afterEach, describe, expect, it } from 'vitest';
import { createPtyRig, type PtyRig } from '../testing/ptyRig';

let rig: PtyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('fault: the module answers slowly', () => {
  it('within the timeout: the command succeeds', async () => {
    rig = await createPtyRig();
    const { reader, simulator } = rig;
    simulator.setLatency(150);
    expect(await reader.templateCount({ timeoutMs: 1500 })).toEqual({ ok: true, value: 0 });
  });

  it('beyond the timeout: a typed timeout; once it recovers, commands work again', async () => {
    rig = await createPtyRig();
    const { reader, simulator } = rig;
    simulator.setLatency(400);
    expect(await reader.templateCount({ timeoutMs: 100 })).toEqual({ ok: false, error: { type: 'timeout', instruction: 'templateNum' } });
    simulator.setLatency(0);
    // The late reply lands while nothing is waiting and is dropped.
    await simulator.whenIdle();
    expect(await reader.readIndexTable(0)).toEqual({ ok: true, value: [] });
  });
});
