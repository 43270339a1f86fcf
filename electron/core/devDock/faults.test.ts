import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devDockFaultKindsFor } from '../../contract/devDockLab';
import { type DockRig, eventually, startDockRig } from './testing/dockRig';

/** Device faults through the lab's own switch, central faults through central's; the kiosk notices both. */
describe('dev dock: faults', () => {
  let rig: DockRig;
  beforeAll(async () => {
    rig = await startDockRig();
  });
  afterAll(() => rig.close());

  it('unplugging the card slot takes it offline for the kiosk; replugging brings it back', async () => {
    const unplugged = await rig.dock.deviceFault({ device: 'cardSlot', kind: 'unplug' });
    expect(unplugged).toMatchObject({ ok: true, done: 'faultSet', state: { lab: { cardSlot: { plugged: false, position: 'unplugged' } } } });
    await eventually(() => rig.devices.cardSlot.status === 'offline', 'kiosk sees the slot go');
    expect((await rig.dock.state()).devices.cardSlot).toBe('offline');
    expect(await rig.dock.insertCard({ cardId: 'technician-1001' })).toMatchObject({ ok: false, refusal: 'slotUnplugged' });

    await rig.dock.deviceFault({ device: 'cardSlot', kind: 'replug' });
    await eventually(() => rig.devices.cardSlot.status === 'online', 'kiosk sees the slot again');
    expect((await rig.dock.state()).lab?.cardSlot.counters).toMatchObject({ unplugs: 1, replugs: 1 });
  });

  it('a slow reader is shown with its delay and cleared by "none"', async () => {
    const slow = await rig.dock.deviceFault({ device: 'fingerprint', kind: 'slow', delayMs: 250 });
    expect(slow.state.lab?.fingerprint.slowMs).toBe(250);
    const hung = await rig.dock.deviceFault({ device: 'fingerprint', kind: 'jam' });
    expect(hung.state.lab?.fingerprint.responding).toBe(false);
    const cleared = await rig.dock.deviceFault({ device: 'fingerprint', kind: 'none' });
    expect(cleared.state.lab?.fingerprint).toMatchObject({ slowMs: 0, responding: true });
  });

  it('a fault a device cannot have is refused as a value', async () => {
    expect(await rig.dock.deviceFault({ device: 'fingerprint', kind: 'cardPulled' })).toMatchObject({ ok: false, refusal: 'faultNotApplicable' });
    expect(await rig.dock.deviceFault({ device: 'cardSlot', kind: 'liftMidCapture' })).toMatchObject({ ok: false, refusal: 'faultNotApplicable' });
  });

  it('every fault the dock offers for a device is one that device takes', async () => {
    // Harmless ones only here: unplug/replug and jam are covered above and would disturb the other specs.
    for (const device of ['fingerprint', 'cardSlot'] as const) {
      for (const kind of devDockFaultKindsFor[device].filter((k) => !['unplug', 'replug', 'jam', 'noAck'].includes(k))) {
        expect(await rig.dock.deviceFault({ device, kind }), `${device} ${kind}`).toMatchObject({ ok: true });
      }
      await rig.dock.deviceFault({ device, kind: 'none' });
    }
  });

  it("central's fault switch: the dock sets it, the state shows it, central's next /v1 request gets it", async () => {
    const flaky = await rig.dock.centralFault({ mode: 'flaky5xx', rate: 1 });
    expect(flaky).toMatchObject({ ok: true, done: 'faultSet', state: { central: { fault: { mode: 'flaky5xx', rate: 1 } } } });
    expect(rig.central.context.faults.current()).toEqual({ mode: 'flaky5xx', rate: 1 });
    expect(rig.central.context.faults.decide()).toBe('flaky5xx');

    const none = await rig.dock.centralFault({ mode: 'none' });
    expect(none.state.central?.fault).toEqual({ mode: 'none' });
    expect(rig.central.context.faults.decide()).toBe('pass');
  });
});
