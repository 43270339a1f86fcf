import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureGuidance } from '../driver';
import type { VirtualFinger } from '../../../common/fingerprint/fingers';
import { createPtyRig, type PtyRig } from '../testing/ptyRig';

const erin: VirtualFinger = { personId: 'erin', finger: 'leftIndex' };

let rig: PtyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('fault: the finger is lifted during the capture', () => {
  it('the person is asked to place it again, and the capture completes when they do', async () => {
    rig = await createPtyRig();
    const { reader, simulator } = rig;
    simulator.liftFingerMidCapture();
    const guidance: CaptureGuidance[] = [];
    const captured = await reader.captureTemplate({
      timeoutMs: 5000,
      onGuidance: (g) => {
        guidance.push(g);
        if (g === 'waiting' || g === 'noFinger') simulator.placeFinger(erin);
      },
    });
    expect(captured.ok && captured.value.template.length).toBe(512);
    expect(guidance).toEqual(['waiting', 'liftAndPlaceAgain', 'noFinger', 'imageCaptured']);
  });

  it('if the finger never comes back, the capture times out with a typed error', async () => {
    rig = await createPtyRig();
    const { reader, simulator } = rig;
    simulator.liftFingerMidCapture();
    const guidance: CaptureGuidance[] = [];
    const captured = await reader.captureTemplate({
      timeoutMs: 300,
      onGuidance: (g) => {
        guidance.push(g);
        if (g === 'waiting') simulator.placeFinger(erin);
      },
    });
    expect(captured).toEqual({ ok: false, error: { type: 'timeout', instruction: 'genImg' } });
    expect(guidance).toContain('liftAndPlaceAgain');
  });
});
