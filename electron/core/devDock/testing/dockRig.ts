import { Writable } from 'node:stream';
import { startTestCentral, type TestCentral } from '../../../../central/testing/harness';
import type { LabPerson } from '../../../../common/demo/population';
import { startLabDevices } from '../../devices/demoLab';
import { DeviceManager } from '../../devices/manager';
import { eventually } from '../../devices/testing/labRig';
import type { Lab } from '../../../../drivers/lab/lab';
import { createLogger } from '../../log';
import { dockCentralOf } from '../embeddedCentral';
import { DevDockService } from '../service';

/**
 * What start.ts wires in the demo, for specs: the simulated lab, the kiosk's
 * device manager on it, a real reference central (port 0, temp dir) and the
 * dock service over all three, with every log line kept for PII checks.
 */
export interface DockRig {
  readonly lab: Lab;
  readonly devices: DeviceManager;
  readonly central: TestCentral;
  readonly dock: DevDockService;
  readonly logLines: string[];
  /** The first lab person matching, with a typed failure when there is none. */
  person(predicate: (p: LabPerson) => boolean): LabPerson;
  close(): Promise<void>;
}

export async function startDockRig(): Promise<DockRig> {
  const [labDevices, central] = await Promise.all([startLabDevices(), startTestCentral()]);
  const logLines: string[] = [];
  const log = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
  const devices = new DeviceManager({ config: labDevices.config, openHid: labDevices.openHid, log, cardPollMs: 30 });
  devices.start();
  await eventually(() => devices.cardSlot.status === 'online' && devices.fingerprint.status === 'online', 'kiosk devices online');
  const dock = new DevDockService({ lab: labDevices.lab, central: dockCentralOf(central), devices, log });
  return {
    lab: labDevices.lab,
    devices,
    central,
    dock,
    logLines,
    person(predicate) {
      const found = labDevices.lab.population.people.find(predicate);
      if (!found) throw new Error('no such lab person');
      return found;
    },
    async close() {
      dock.close();
      await devices.stop();
      await labDevices.lab.close();
      await central.stop();
    },
  };
}

export { eventually };
