import { afterEach, expect, it } from 'vitest';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('a fingerprint module that stops answering: "noAnswer", offline while it stays silent, online once it answers again', async () => {
  const r = (rig = await startLabRig({ fingerprintTimeouts: { commandMs: 200 } }));
  const { fingerprint } = r.devices;
  await eventually(() => fingerprint.status === 'online', 'online after start');

  await r.control('/fault', { device: 'fingerprint', kind: 'noAck' });
  expect(await fingerprint.capture()).toEqual({ ok: false, error: { type: 'noAnswer' } });
  await eventually(() => fingerprint.status === 'offline', 'offline while silent');

  await r.control('/fault', { device: 'fingerprint', kind: 'none' });
  await eventually(() => fingerprint.status === 'online', 'online after it answers again');
});
