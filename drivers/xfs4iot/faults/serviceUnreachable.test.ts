import { afterEach, expect, it } from 'vitest';
import { XfsClient } from '../client';
import { type AtmRig, openAtm } from '../testing/atmRig';

let rig: AtmRig;
afterEach(async () => {
  await rig.close();
});

it('a listed service that refuses connections at start leaves its interfaces missing, and says which service did not answer', async () => {
  rig = await openAtm();
  rig.atm.control.setFault({ type: 'serviceDown', service: 'PinPad' });
  expect(await XfsClient.connect(rig.clientOptions)).toEqual({
    ok: false,
    error: { type: 'missingInterfaces', publisher: rig.atm.publisherUrl, missing: ['Keyboard', 'PinPad'], unreachable: [`${rig.atm.publisherUrl}PinPad/`] },
  });
  // The connections discovery opened to the other services are not left behind.
  expect(rig.atm.control.state().services.CardReader.connections).toBe(0);
});

it('once the service is back, the next attempt connects', async () => {
  rig = await openAtm();
  rig.atm.control.setFault({ type: 'serviceDown', service: 'PinPad' });
  expect((await XfsClient.connect(rig.clientOptions)).ok).toBe(false);
  rig.atm.control.clearFaults();
  const client = await XfsClient.connect(rig.clientOptions);
  expect(client.ok && client.value.service('PinPad')?.state).toBe('connected');
  if (client.ok) await client.value.close();
});

it('a publisher that does not answer at all is noPublisher', async () => {
  rig = await openAtm();
  const { port } = rig.atm;
  await rig.atm.close();
  expect(await XfsClient.connect(rig.clientOptions)).toEqual({ ok: false, error: { type: 'noPublisher', tried: [`ws://127.0.0.1:${port}/xfs4iot/v1.0/`] } });
});
