import pino from 'pino';
import { expect, it } from 'vitest';
import { makeBankCard } from '../../../../drivers/lab/cards';
import { MagstripeStation } from '../../../../drivers/lab/magstripeStation';
import type { Result } from '../../../../common/result';
import { backgroundClock } from '../../../../common/time';
import type { CardHolderIdentity } from '../cardIdentity';
import { MagstripeDevice, type SwipeError } from './device';

it('goes online on the lab swipe reader, reports a swipe with the PAN masked, and offline when unplugged', async () => {
  const station = new MagstripeStation();
  const device = new MagstripeDevice({
    config: { vendorId: 0x0801, productId: 0x0002 },
    log: pino({ level: 'silent' }),
    clock: backgroundClock,
    reconnect: { baseMs: 10, capMs: 20, jitter: 'none' },
    openHid: async () => {
      const host = station.openHost();
      if (!host) throw new Error('no such device');
      return host;
    },
    today: () => '2026-01-01',
  });
  const statuses: string[] = [];
  device.onStatus((_d, status) => statuses.push(status));
  const swiped = new Promise<Result<CardHolderIdentity, SwipeError>>((resolve) => device.onSwipe(resolve));
  device.start();
  await new Promise((resolve) => setImmediate(resolve));
  expect(device.status).toBe('online');

  station.swipe(makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008'));
  expect(await swiped).toMatchObject({ ok: true, value: { kind: 'bank', maskedPan: '************1111', expiry: '2030-12' } });

  station.unplug();
  expect(device.status).toBe('offline');
  await device.stop();
  expect(statuses).toEqual(['online', 'offline']);
});
