import { afterEach, describe, expect, it } from 'vitest';
import { createPtyRig, type PtyRig } from '../testing/ptyRig';

let rig: PtyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('fault: the kiosk addresses a module that is not there', () => {
  it('the module ignores frames for another address, so the command times out', async () => {
    rig = await createPtyRig({ simulator: { address: 0x12345678 }, reader: { timeouts: { commandMs: 200 } } });
    expect(await rig.reader.templateCount()).toEqual({ ok: false, error: { type: 'timeout', instruction: 'templateNum' } });
  });

  it('configured with the module’s address, the same reader setup works', async () => {
    rig = await createPtyRig({ simulator: { address: 0x12345678 }, reader: { address: 0x12345678 } });
    const parameters = await rig.reader.readSystemParameters();
    expect(parameters.ok && parameters.value.address).toBe(0x12345678);
  });
});
