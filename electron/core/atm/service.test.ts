import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import { AtmDevices } from '../../../drivers/xfs4iot/atm';
import { XfsClient } from '../../../drivers/xfs4iot/client';
import { startSimulatedAtm } from '../../../drivers/xfs4iot/simulator';
import type { SimulatedAtm } from '../../../drivers/xfs4iot/simulator';
import { RIG_TIMINGS } from '../../../drivers/xfs4iot/testing/atmRig';
import type { DeviceStatus } from '../../contract/devices';
import { createBankClient } from './bankClient';
import { AtmService } from './service';
import type { AtmDeviceSlot } from './service';
import { demoEncipherPin, eventually, holderIn } from './testing/atmKioskRig';

/**
 * The ATM device service against the simulated ATM over real WebSockets:
 * found when it comes up, each device's state as the kiosk words it, and
 * the card slot as the kiosk's door.
 */

const quick = { baseMs: 20, capMs: 200, jitter: 'none' as const };
let service: AtmService | undefined;
let atm: SimulatedAtm | undefined;
afterEach(async () => {
  await service?.stop();
  await atm?.close();
  service = undefined;
  atm = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function serviceOn(port: number): AtmService {
  return new AtmService({
    connect: async () => {
      const client = await XfsClient.connect({ candidates: [`ws://127.0.0.1:${port}/xfs4iot/v1.0/`], timings: RIG_TIMINGS, reconnect: quick });
      return client.ok ? ok(new AtmDevices(client.value)) : client;
    },
    // Nobody answers here: these specs never ask the bank.
    bank: createBankClient({ url: 'http://127.0.0.1:9' }),
    settings: { pinBlockFormat: 'iso0', pinLength: { min: 4, max: 12 }, takeTimeoutMs: 30_000 },
    log: pino({ level: 'silent' }),
    reconnect: quick,
  });
}

describe('the ATM device service', () => {
  it('keeps looking for the ATM’s services until they are there, then reports each device as the kiosk words it, as it changes', async () => {
    const port = await freePort();
    service = serviceOn(port);
    const changes: [AtmDeviceSlot, DeviceStatus][] = [];
    service.onStatus((device, status) => changes.push([device, status]));
    service.start();
    expect(service.statuses()).toEqual({ cardSlot: 'offline', pinPad: 'offline', printer: 'offline' });
    atm = await startSimulatedAtm({ encipherPin: demoEncipherPin, port });
    await service.connected();
    expect(service.statuses()).toEqual({ cardSlot: 'online', pinPad: 'online', printer: 'online' });
    atm.control.setFault({ type: 'serviceDown', service: 'PinPad' });
    await eventually(() => service?.statuses().pinPad === 'offline', 'the EPP offline');
    atm.control.clearFaults();
    await eventually(() => service?.statuses().pinPad === 'online', 'the EPP back');
    expect(changes.filter(([device]) => device === 'pinPad').map(([, status]) => status)).toEqual(['online', 'offline', 'online']);
  });

  it('the slot is open only while the kiosk wants a card; a card the kiosk cannot take now is handed straight back', async () => {
    atm = await startSimulatedAtm({ encipherPin: demoEncipherPin, port: 0 });
    service = serviceOn(atm.port);
    service.start();
    await service.connected();
    const offered: boolean[] = [];
    service.setWatching(true, (read) => (offered.push(read.ok), false));
    await eventually(() => atm?.control.state().cardReader.accepting === true, 'the slot opens');
    service.setWatching(false);
    await eventually(() => atm?.control.state().cardReader.accepting === false, 'the slot closes');
    expect(atm.control.insertCard(holderIn('active', 0).card)).toEqual({ ok: false, error: { type: 'notAccepting' } });

    service.setWatching(true);
    await eventually(() => atm?.control.state().cardReader.accepting === true, 'the slot opens again');
    expect(atm.control.insertCard(holderIn('active', 0).card).ok).toBe(true);
    await eventually(() => atm?.control.state().cardReader.media === 'entering', 'the card handed back');
    expect(offered).toEqual([true]);
    expect(service.cardHeld).toBe(true);
    expect(atm.control.state().cardReader.accepting).toBe(false);
    expect(atm.control.takeCard().ok).toBe(true);
    await eventually(() => service?.cardHeld === false && atm?.control.state().cardReader.accepting === true, 'the slot open for the next card');
  });
});
