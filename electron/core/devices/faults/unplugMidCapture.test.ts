import { afterEach, expect, it } from 'vitest';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('the reader unplugged mid-capture: a typed "disconnected", status offline, no hang', async () => {
  const r = (rig = await startLabRig({ captureTimeoutMs: 60_000 }));
  const { fingerprint } = r.devices;
  await eventually(() => fingerprint.status === 'online', 'online after start');

  let unplugging: Promise<unknown> | undefined;
  const capture = fingerprint.capture({
    onGuidance: (guidance) => {
      // Pulled while the kiosk waits for a finger.
      if (guidance === 'placeFinger') unplugging ??= r.control('/fault', { device: 'fingerprint', kind: 'unplug' });
    },
  });
  expect(await capture).toEqual({ ok: false, error: { type: 'disconnected' } });
  await unplugging;
  await eventually(() => fingerprint.status === 'offline', 'offline');
  expect(r.changes.filter((c) => c.device === 'fingerprint').map((c) => c.status)).toEqual(['online', 'busy', 'offline']);
  expect(await fingerprint.capture()).toEqual({ ok: false, error: { type: 'unavailable', status: 'offline' } });
});
