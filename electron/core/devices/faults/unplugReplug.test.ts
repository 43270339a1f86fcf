import { afterEach, expect, it } from 'vitest';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('fingerprint reader: unplug → offline (pushed), retries with growing delays, replug → online again, handshake re-run', async () => {
  const r = (rig = await startLabRig());
  const { fingerprint } = r.devices;
  await eventually(() => fingerprint.status === 'online', 'online after start');
  const before = r.changes.length;

  await r.control('/fault', { device: 'fingerprint', kind: 'unplug' });
  await eventually(() => fingerprint.status === 'offline', 'offline after unplug');
  // Let a few reconnect attempts fail against the missing port.
  await eventually(() => r.reconnectDelays.length >= 4, 'several reconnect attempts');
  const delays = r.reconnectDelays.slice(0, 4);
  expect(delays).toEqual([20, 40, 80, 160]);

  await r.control('/fault', { device: 'fingerprint', kind: 'replug' });
  await eventually(() => fingerprint.status === 'online', 'online after replug');
  expect(r.changes.slice(before).filter((c) => c.device === 'fingerprint').map((c) => c.status)).toEqual(['offline', 'online']);

  // A module loses its verified password with power; talking to it works only because the handshake ran again.
  const info = await fingerprint.describe();
  expect(info).toMatchObject({ ok: true, value: { parameters: { baudRate: 57600, packetSize: 128 } } });
  expect(r.lab.state().fingerprint.counters).toMatchObject({ unplugs: 1, replugs: 1 });
});

it('card slot: unplug → offline, replug → online after a fresh Initialize (the reader refuses everything before it)', async () => {
  const r = (rig = await startLabRig());
  const { cardSlot } = r.devices;
  await eventually(() => cardSlot.status === 'online', 'online after start');

  await r.control('/fault', { device: 'cardSlot', kind: 'unplug' });
  await eventually(() => cardSlot.status === 'offline', 'offline after unplug');
  expect(await cardSlot.waitForCard()).toEqual({ ok: false, error: { type: 'unavailable', status: 'offline' } });

  await r.control('/fault', { device: 'cardSlot', kind: 'replug' });
  await eventually(() => cardSlot.status === 'online', 'online after replug');
  expect(await cardSlot.describe()).toEqual({ ok: true, value: { position: 'noCard' } });
});
