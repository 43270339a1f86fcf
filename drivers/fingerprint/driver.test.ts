import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureGuidance } from './driver';
import { decodeCharFile } from '../../common/fingerprint/charFile';
import type { VirtualFinger } from '../../common/fingerprint/fingers';
import { personAtReader } from './testing/person';
import { createPtyRig, type PtyRig, type PtyRigOptions } from './testing/ptyRig';

const alice: VirtualFinger = { personId: 'alice', finger: 'rightIndex' };
const bob: VirtualFinger = { personId: 'bob', finger: 'rightIndex' };

let rig: PtyRig | undefined;
async function plugIn(options?: PtyRigOptions): Promise<PtyRig> {
  rig = await createPtyRig(options);
  return rig;
}
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Two captures merged and stored, as an enrolment station does it: the finger is lifted and placed again for the second. */
async function enrol({ reader, simulator }: PtyRig, finger: VirtualFinger, page: number): Promise<void> {
  expect((await reader.captureTemplate({ buffer: 1, onGuidance: personAtReader(simulator, finger) })).ok).toBe(true);
  expect((await reader.captureTemplate({ buffer: 2, onGuidance: personAtReader(simulator, finger) })).ok).toBe(true);
  expect(await reader.mergeCaptures()).toEqual({ ok: true, value: undefined });
  expect(await reader.store(1, page)).toEqual({ ok: true, value: undefined });
  simulator.liftFinger();
}

describe('fingerprint reader against the simulated module over a real pty at 57600 baud', () => {
  it('verifies the module password and reads its system parameters', async () => {
    const { reader } = await plugIn();
    expect(await reader.verifyPassword()).toEqual({ ok: true, value: undefined });
    const parameters = await reader.readSystemParameters();
    expect(parameters).toEqual({
      ok: true,
      value: {
        statusRegister: 0b0100, // password verified
        systemId: 0x0009,
        libraryCapacity: 1000,
        securityLevel: 3,
        address: 0xffffffff,
        packetSize: 128,
        baudRate: 57600,
      },
    });
  });

  it('changes the security level and packet size, and later transfers use the new packet size', async () => {
    const { reader, simulator } = await plugIn();
    expect((await reader.setSystemParameter({ parameter: 'securityLevel', value: 5 })).ok).toBe(true);
    expect((await reader.setSystemParameter({ parameter: 'packetSize', value: 32 })).ok).toBe(true);
    expect([simulator.securityLevel, simulator.packetSize]).toEqual([5, 32]);
    const captured = await reader.captureTemplate({ onGuidance: personAtReader(simulator, alice) });
    expect(captured.ok && captured.value.template.length).toBe(512);
  });

  it('changes the baud rate only to a rate the module supports', async () => {
    const { reader, simulator } = await plugIn();
    expect(await reader.setSystemParameter({ parameter: 'baudRate', value: 50_000 })).toMatchObject({
      ok: false,
      error: { type: 'invalidArgument' },
    });
    expect((await reader.setSystemParameter({ parameter: 'baudRate', value: 115_200 })).ok).toBe(true);
    expect(simulator.baudRate).toBe(115_200);
  });

  it('says no finger while the glass is empty, and images a finger once placed', async () => {
    const { reader, simulator } = await plugIn();
    expect(await reader.captureImage()).toMatchObject({ ok: false, error: { type: 'refused', reason: 'noFinger', code: 0x02 } });
    simulator.placeFinger(alice);
    expect(await reader.captureImage()).toEqual({ ok: true, value: undefined });
    expect(await reader.imageToTemplate(1)).toEqual({ ok: true, value: undefined });
  });

  it('will not extract features before any image was taken', async () => {
    const { reader } = await plugIn();
    expect(await reader.imageToTemplate(1)).toMatchObject({ ok: false, error: { type: 'refused', reason: 'noImage' } });
  });

  it('waits for a finger, telling the person what to do', async () => {
    const { reader, simulator } = await plugIn();
    const guidance: CaptureGuidance[] = [];
    const waiting = reader.waitForFinger({ timeoutMs: 5000, onGuidance: (g) => guidance.push(g) });
    setTimeout(() => simulator.placeFinger(alice), 100);
    expect(await waiting).toEqual({ ok: true, value: undefined });
    expect(guidance).toEqual(['waiting', 'imageCaptured']);
  });

  it('gives up waiting for a finger at the timeout with a typed error', async () => {
    const { reader } = await plugIn();
    expect(await reader.waitForFinger({ timeoutMs: 150 })).toEqual({ ok: false, error: { type: 'timeout', instruction: 'genImg' } });
  });

  it('stops waiting for a finger when the person cancels', async () => {
    const { reader } = await plugIn();
    const cancel = new AbortController();
    const waiting = reader.waitForFinger({ timeoutMs: 10_000, signal: cancel.signal });
    setTimeout(() => cancel.abort(), 80);
    expect(await waiting).toEqual({ ok: false, error: { type: 'aborted' } });
    expect(await reader.templateCount()).toEqual({ ok: true, value: 0 });
  });

  it('captures a 512-byte template of the finger on the glass', async () => {
    const { reader, simulator } = await plugIn();
    const captured = await reader.captureTemplate({ onGuidance: personAtReader(simulator, alice) });
    expect(captured).toMatchObject({ ok: true, value: { quality: 100, attempts: 1 } });
    if (!captured.ok) return;
    expect(captured.value.template).toHaveLength(512);
    expect(decodeCharFile(captured.value.template).ok).toBe(true);
  });

  it('asks for the finger again after a messy image, and reports the lower quality', async () => {
    const { reader, simulator } = await plugIn();
    const guidance: CaptureGuidance[] = [];
    const captured = await reader.captureTemplate({ onGuidance: personAtReader(simulator, alice, { poorImages: 2, also: (g) => guidance.push(g) }) });
    expect(captured).toMatchObject({ ok: true, value: { quality: 50, attempts: 3 } });
    expect(guidance.filter((g) => g === 'poorQuality')).toHaveLength(2);
    expect(guidance).toContain('liftAndPlaceAgain');
  });

  it('gives up after too many messy images with the module’s reason', async () => {
    const { reader, simulator } = await plugIn();
    expect(await reader.captureTemplate({ maxPoorImages: 1, onGuidance: personAtReader(simulator, alice, { poorImages: 10 }) })).toMatchObject({
      ok: false,
      error: { type: 'refused', reason: 'imageMessy', code: 0x06 },
    });
  });

  it('enrols a finger, then finds it in the library and not another person’s', async () => {
    const current = await plugIn();
    const { reader, simulator } = current;
    await enrol(current, alice, 42);
    expect(await reader.templateCount()).toEqual({ ok: true, value: 1 });
    expect(await reader.readIndexTable(0)).toEqual({ ok: true, value: [42] });

    expect((await reader.captureTemplate({ onGuidance: personAtReader(simulator, alice) })).ok).toBe(true);
    const found = await reader.search({ startPage: 0, pageCount: 1000 });
    expect(found).toMatchObject({ ok: true, value: { found: true, page: 42 } });

    expect((await reader.captureTemplate({ onGuidance: personAtReader(simulator, bob) })).ok).toBe(true);
    expect(await reader.search()).toEqual({ ok: true, value: { found: false } });
  });

  it('matches a live capture 1:1 against a stored template loaded into the other buffer', async () => {
    const current = await plugIn();
    const { reader, simulator } = current;
    await enrol(current, alice, 3);
    expect(await reader.loadChar(2, 3)).toEqual({ ok: true, value: undefined });
    expect((await reader.captureTemplate({ buffer: 1, onGuidance: personAtReader(simulator, alice) })).ok).toBe(true);
    const genuine = await reader.match();
    expect(genuine.ok && genuine.value.matched).toBe(true);

    expect((await reader.captureTemplate({ buffer: 1, onGuidance: personAtReader(simulator, bob) })).ok).toBe(true);
    expect(await reader.match()).toEqual({ ok: true, value: { matched: false, score: 0 } });
  });

  it('loads from an empty page with a typed refusal', async () => {
    const { reader } = await plugIn();
    expect(await reader.loadChar(1, 9)).toMatchObject({ ok: false, error: { type: 'refused', reason: 'templateInvalid' } });
    expect(await reader.store(1, 1000)).toMatchObject({ ok: false, error: { type: 'refused', reason: 'pageOutOfRange' } });
  });

  it('round-trips a template: uploaded, downloaded into the other buffer, stored and read back', async () => {
    const { reader, simulator } = await plugIn();
    const captured = await reader.captureTemplate({ buffer: 1, onGuidance: personAtReader(simulator, alice) });
    if (!captured.ok) throw new Error('capture failed');
    expect(await reader.downloadTemplate(2, captured.value.template)).toEqual({ ok: true, value: undefined });
    expect(await reader.store(2, 500)).toEqual({ ok: true, value: undefined });
    expect(simulator.storedTemplate(500)).toEqual(captured.value.template);
    const upAgain = await reader.uploadTemplate(2);
    expect(upAgain).toEqual({ ok: true, value: captured.value.template });
    expect(await reader.match()).toMatchObject({ ok: true, value: { matched: true, score: 100 } });
  });

  it('refuses to download a template of the wrong size without sending anything', async () => {
    const { reader } = await plugIn();
    expect(await reader.downloadTemplate(1, new Uint8Array(100))).toMatchObject({ ok: false, error: { type: 'invalidArgument' } });
  });

  it('deletes a range of templates and empties the library', async () => {
    const { reader, simulator } = await plugIn();
    for (const page of [1, 2, 3, 300]) simulator.enrolDirectly(page, alice);
    expect(await reader.deleteTemplates(2, 2)).toEqual({ ok: true, value: undefined });
    expect(await reader.readIndexTable(0)).toEqual({ ok: true, value: [1] });
    expect(await reader.readIndexTable(1)).toEqual({ ok: true, value: [300] });
    expect(await reader.emptyLibrary()).toEqual({ ok: true, value: undefined });
    expect(await reader.templateCount()).toEqual({ ok: true, value: 0 });
  });

  it('reads random codes from the module', async () => {
    const { reader } = await plugIn();
    const first = await reader.getRandomCode();
    const second = await reader.getRandomCode();
    expect(first.ok && second.ok).toBe(true);
    expect(first).not.toEqual(second);
  });

  it('sets the aura LED cues a person sees: waiting, accepted, rejected', async () => {
    const { reader, simulator } = await plugIn();
    expect((await reader.setLed('waiting')).ok).toBe(true);
    expect(simulator.led).toMatchObject({ control: 'breathing', colour: 'blue' });
    expect((await reader.setLed('fail')).ok).toBe(true);
    expect(simulator.led).toEqual({ control: 'flashing', colour: 'red', speed: 40, count: 3 });
    expect((await reader.setLed('ok')).ok).toBe(true);
    expect(simulator.led).toMatchObject({ control: 'on', colour: 'purple' });
  });

  it('never interleaves commands issued at the same time', async () => {
    const { reader, simulator } = await plugIn();
    simulator.enrolDirectly(7, alice);
    const results = await Promise.all([
      reader.templateCount(),
      reader.readIndexTable(0),
      reader.readSystemParameters(),
      reader.getRandomCode(),
      reader.templateCount(),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    expect(results[0]).toEqual({ ok: true, value: 1 });
    expect(results[1]).toEqual({ ok: true, value: [7] });
  });
});

describe('image upload over a pty at 115200 baud (3.2 s of line time)', () => {
  it('brings up the 256 × 288 image as 8-bit grey with ridges on the finger and light glass around it', async () => {
    const { reader, simulator } = await plugIn({ simulator: { baudRate: 115_200 } });
    simulator.placeFinger(alice);
    expect((await reader.captureImage()).ok).toBe(true);
    const uploaded = await reader.uploadImage();
    if (!uploaded.ok) throw new Error(`upload failed: ${uploaded.error.type}`);
    const { width, height, pixels } = uploaded.value;
    expect([width, height, pixels.length]).toEqual([256, 288, 73_728]);
    // Every level is a 4-bit value stretched by 17.
    expect(pixels.every((p) => p % 17 === 0)).toBe(true);
    expect(pixels[0]).toBe(255);
    const centreRow = pixels.subarray(144 * 256, 145 * 256);
    expect(Math.min(...centreRow)).toBeLessThan(100);
    expect(Math.max(...centreRow)).toBeGreaterThan(180);
  }, 15_000);
});
