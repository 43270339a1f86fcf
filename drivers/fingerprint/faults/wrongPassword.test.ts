import { afterEach, describe, expect, it } from 'vitest';
import { createPtyRig, type PtyRig } from '../testing/ptyRig';

let rig: PtyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('fault: the module has a password the kiosk does not know', () => {
  it('refuses the wrong password, and every other command until the right one is given', async () => {
    rig = await createPtyRig({ simulator: { password: 0x2468ace0 }, reader: { password: 0x11111111 } });
    const { reader } = rig;
    expect(await reader.verifyPassword()).toMatchObject({ ok: false, error: { type: 'refused', reason: 'wrongPassword', code: 0x13 } });
    expect(await reader.templateCount()).toMatchObject({
      ok: false,
      error: { type: 'refused', reason: 'passwordRequired', code: 0x21, message: 'The module password must be verified first' },
    });
    expect(await reader.verifyPassword(0x2468ace0)).toEqual({ ok: true, value: undefined });
    expect(await reader.templateCount()).toEqual({ ok: true, value: 0 });
  });
});
