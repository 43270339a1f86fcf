import { afterEach, describe, expect, it } from 'vitest';
import { createPtyRig, type PtyRig } from '../testing/ptyRig';

let rig: PtyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('fault: a reply arrives garbled', () => {
  it('is reported as a typed error at once, and the next command works', async () => {
    rig = await createPtyRig();
    const { reader, simulator } = rig;
    simulator.enrolDirectly(12, { personId: 'dan', finger: 'rightThumb' });
    simulator.garbleNextReply();
    expect(await reader.templateCount({ timeoutMs: 60_000 })).toEqual({
      ok: false,
      error: { type: 'garbled', instruction: 'templateNum', detail: 'badChecksum' },
    });
    expect(await reader.templateCount()).toEqual({ ok: true, value: 1 });
  });

  it('a garbled ack before a template upload does not leave template bytes to confuse the next command', async () => {
    rig = await createPtyRig();
    const { reader, simulator } = rig;
    simulator.placeFinger({ personId: 'dan', finger: 'rightThumb' });
    expect((await reader.captureImage()).ok).toBe(true);
    expect((await reader.imageToTemplate(1)).ok).toBe(true);
    simulator.garbleNextReply();
    expect(await reader.uploadTemplate(1)).toMatchObject({ ok: false, error: { type: 'garbled' } });
    const again = await reader.uploadTemplate(1);
    expect(again.ok && again.value.length).toBe(512);
  });
});
