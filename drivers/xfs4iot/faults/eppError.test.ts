import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AtmDevices } from '../atm';
import { type AtmRig, connectDevices, openAtm, testEncipherPin } from '../testing/atmRig';

const PAN = '4111111111111111';
let rig: AtmRig;
let atm: AtmDevices;
beforeEach(async () => {
  rig = await openAtm();
  atm = await connectDevices(rig);
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const entry = atm.readPin({ minLength: 4, maxLength: 6, onKey: () => undefined, onReady: ready });
  await isReady;
  rig.atm.control.pressKeys('2468 enter');
  expect((await entry).ok).toBe(true);
});
afterEach(async () => {
  await atm.close();
  await rig.close();
});

it('an EPP that refuses the PIN block (key not found) is eppError with the reason; the PIN is still there for the next try', async () => {
  rig.atm.control.setFault({ type: 'eppError', errorCode: 'keyNotFound' });
  expect(await atm.pinBlock({ pan: PAN, format: 'iso0' })).toEqual({ ok: false, error: { type: 'eppError', reason: 'PinPad.GetPinBlock: keyNotFound (EPP fault)' } });
  expect(await atm.pinBlock({ pan: PAN, format: 'iso0' })).toEqual({ ok: true, value: { format: 'iso0', block: testEncipherPin('2468', PAN, 'iso0') } });
});

it('an EPP hardware error during the PIN block is eppError too', async () => {
  rig.atm.control.setFault({ type: 'eppError', completionCode: 'hardwareError' });
  expect(await atm.pinBlock({ pan: PAN, format: 'iso4' })).toEqual({ ok: false, error: { type: 'eppError', reason: 'PinPad.GetPinBlock: hardwareError (EPP fault)' } });
});

it('a PAN that is not 12 to 19 digits never reaches the EPP', async () => {
  expect(await atm.pinBlock({ pan: '4111-1111', format: 'iso0' })).toEqual({ ok: false, error: { type: 'eppError', reason: 'the PAN is not 12 to 19 digits' } });
  expect(rig.wire.frames.some((frame) => frame.direction === 'in' && JSON.parse(frame.text).header.name === 'PinPad.GetPinBlock')).toBe(false);
});
