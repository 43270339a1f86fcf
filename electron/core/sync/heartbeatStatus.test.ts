import { expect, it } from 'vitest';
import { heartbeatSchema } from '../../../common/wire/kiosk';
import { statusFromSnapshot } from './heartbeatStatus';

const snapshot = {
  appState: { state: 'available' },
  mode: 'government',
  devices: { fingerprint: 'online', cardSlot: 'online', printer: 'hardwareError' },
} as const;

it('the device list reports the printer with its life counters beside its status, and the other devices as before', () => {
  const status = statusFromSnapshot(snapshot, { printer: { receiptsPrinted: 12, paperOutEvents: 1 } });
  expect(status.devices).toEqual([
    { device: 'fingerprint', status: 'online' },
    { device: 'cardSlot', status: 'online' },
    { device: 'printer', status: 'hardwareError', counters: { receiptsPrinted: 12, paperOutEvents: 1 } },
  ]);
  // What central's schema accepts.
  expect(heartbeatSchema.safeParse({ ...status, versions: { app: '0.1.0' }, queueDepth: 0, clock: new Date().toISOString() }).success).toBe(true);
});

it('counters of a device the kiosk does not list are not reported; without counters the list is status only', () => {
  expect(statusFromSnapshot(snapshot, { magstripe: { swipes: 3 } }).devices.every((d) => !('counters' in d))).toBe(true);
  expect(statusFromSnapshot(snapshot).devices.map((d) => Object.keys(d))).toEqual([
    ['device', 'status'],
    ['device', 'status'],
    ['device', 'status'],
  ]);
});

it('at an ATM the card slot reports the cards the ATM card reader retained (counted as atmCardReader)', () => {
  const atm = { appState: { state: 'available' }, mode: 'atm', devices: { fingerprint: 'noDevice', cardSlot: 'online', printer: 'online', pinPad: 'online' } } as const;
  const status = statusFromSnapshot(atm, { atmCardReader: { retained: 2, retainBin: 2 } });
  expect(status.devices.find((d) => d.device === 'cardSlot')).toEqual({ device: 'cardSlot', status: 'online', counters: { retained: 2, retainBin: 2 } });
});
