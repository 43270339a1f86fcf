import { afterEach, describe, expect, it } from 'vitest';
import { createPtyRig, type PtyRig } from '../testing/ptyRig';

let rig: PtyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('fault: a reply is cut short', () => {
  it('ends in a typed timeout, and the next command works', async () => {
    rig = await createPtyRig({ reader: { timeouts: { commandMs: 250 } } });
    const { reader, simulator } = rig;
    simulator.truncateNextReply();
    expect(await reader.readSystemParameters()).toEqual({ ok: false, error: { type: 'timeout', instruction: 'readSysPara' } });
    const parameters = await reader.readSystemParameters();
    expect(parameters.ok && parameters.value.libraryCapacity).toBe(1000);
  });
});
