import pino from 'pino';
import { expect, it } from 'vitest';
import { startLabDevices } from './demoLab';
import { DeviceManager } from './manager';
import { eventually } from './testing/labRig';

it('the demo profile: every device online against the in-process lab', async () => {
  const { lab, config, openHid } = await startLabDevices();
  const devices = new DeviceManager({ config, openHid, log: pino({ level: 'silent' }) });
  try {
    devices.start();
    await eventually(() => Object.values(devices.statuses()).every((status) => status === 'online'), 'all online');
    expect(devices.statuses()).toEqual({ fingerprint: 'online', cardSlot: 'online', magstripe: 'online', printer: 'online' });
  } finally {
    await devices.stop();
    await lab.close();
  }
});
