import { afterEach, expect, it } from 'vitest';
import { AtmDevices } from '../atm';
import { XfsClient } from '../client';
import { type AtmRig, openAtm } from '../testing/atmRig';

let rig: AtmRig;
afterEach(async () => {
  await rig.close();
});

it('a publisher that lists no PIN pad is refused: Keyboard and PinPad are missing, nothing was unreachable', async () => {
  rig = await openAtm({ simulator: { services: ['CardReader', 'Printer'] } });
  expect(await AtmDevices.connect(rig.clientOptions)).toEqual({
    ok: false,
    error: { type: 'missingInterfaces', publisher: rig.atm.publisherUrl, missing: ['Keyboard', 'PinPad'], unreachable: [] },
  });
  expect(rig.atm.control.state().services.PinPad).toEqual({ listed: false, up: false, connections: 0 });
});

it('a kiosk that needs only the card reader still connects to the same publisher', async () => {
  rig = await openAtm({ simulator: { services: ['CardReader', 'Printer'] } });
  const client = await XfsClient.connect({ ...rig.clientOptions, needed: ['CardReader', 'Storage'] });
  expect(client.ok && client.value.service('PinPad')).toBeUndefined();
  if (!client.ok) return;
  const atm = new AtmDevices(client.value);
  expect(await atm.pinBlock({ pan: '4111111111111111', format: 'iso0' })).toEqual({ ok: false, error: { type: 'unavailable', device: 'pinPad' } });
  expect(await atm.status()).toMatchObject({ cardReader: 'online', pinPad: 'noDevice', printer: 'online' });
  await atm.close();
});
