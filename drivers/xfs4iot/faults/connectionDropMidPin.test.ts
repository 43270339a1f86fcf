import { afterEach, expect, it } from 'vitest';
import type { AtmDevices, PinKey } from '../atm';
import { type AtmRig, connectDevices, openAtm } from '../testing/atmRig';

let rig: AtmRig;
let atm: AtmDevices;
afterEach(async () => {
  await atm.close();
  await rig.close();
});

function startPinEntry() {
  const heard: PinKey[] = [];
  let ready: () => void = () => undefined;
  let twoKeys: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const twoHeard = new Promise<void>((resolve) => (twoKeys = resolve));
  const onKey = (key: PinKey): void => {
    if (heard.push(key) === 2) twoKeys();
  };
  const entry = atm.readPin({ minLength: 4, maxLength: 6, onKey, onReady: ready });
  return { entry, isReady, twoHeard };
}

it('the EPP connection dropping mid-PIN answers connectionLost, the half-typed PIN is gone, and the service comes back for a new entry', async () => {
  rig = await openAtm();
  atm = await connectDevices(rig);
  const epp = atm.client.service('PinPad')!;
  const first = startPinEntry();
  await first.isReady;
  rig.atm.control.pressKeys('12');
  await first.twoHeard;
  const back = new Promise<void>((resolve) => epp.onStateChange((state) => state === 'connected' && resolve()));

  rig.atm.control.setFault({ type: 'dropConnections', service: 'PinPad' });

  expect(await first.entry).toEqual({ ok: false, error: { type: 'connectionLost', device: 'pinPad' } });
  expect(rig.atm.control.state().keyboard).toEqual({ entry: 'none', digitsEntered: 0 });
  await back;
  expect(epp.reconnects).toBe(1);
  expect(await atm.pinBlock({ pan: '4111111111111111', format: 'iso0' })).toMatchObject({ ok: false, error: { type: 'eppError', reason: expect.stringContaining('noPin') } });

  const second = startPinEntry();
  await second.isReady;
  rig.atm.control.pressKeys('4321 enter');
  expect(await second.entry).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
});

it('while the EPP is away, a PIN entry answers unavailable at once instead of waiting', async () => {
  rig = await openAtm();
  atm = await connectDevices(rig);
  const epp = atm.client.service('PinPad')!;
  const lost = new Promise<void>((resolve) => epp.onStateChange((state) => state === 'reconnecting' && resolve()));
  rig.atm.control.setFault({ type: 'serviceDown', service: 'PinPad' });
  await lost;
  expect(await atm.readPin({ minLength: 4, maxLength: 6, onKey: () => undefined })).toEqual({ ok: false, error: { type: 'unavailable', device: 'pinPad' } });
  expect(await atm.status()).toMatchObject({ pinPad: 'offline', cardReader: 'online' });
});
