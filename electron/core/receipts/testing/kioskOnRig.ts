import pino from 'pino';
import { sleep } from '../../../../common/time';
import { connectKiosk, createMemoryChannelPair, type KioskApi, type KioskSnapshot } from '../../../contract';
import { resolveConfig } from '../../config/load';
import { people, startJourneyRig, type JourneyRig } from '../../journeys/testing/journeyRig';
import { KioskCore } from '../../kiosk';

/**
 * A kiosk core on a journey rig with the lab's printer, reached through its
 * own API as the renderer reaches it: the receipt specs' common ground.
 */
export interface KioskOnRig {
  readonly rig: JourneyRig;
  readonly core: KioskCore;
  readonly api: KioskApi;
  /** Waits (bounded) for the journey to stand at `step`, not busy, placing the right index finger of `idNumber` (Abeer's unless named) when the screen asks for one. */
  reach(step: string, idNumber?: string): Promise<KioskSnapshot>;
  close(): Promise<void>;
}

export async function startKioskOnRig(kioskId: string): Promise<KioskOnRig> {
  const rig = await startJourneyRig({ printer: true });
  const config = resolveConfig([{ kioskId, central: { url: 'https://central.invalid' }, log: { level: 'silent' } }]);
  const core = new KioskCore({ config, logger: pino({ level: 'silent' }), journeyPorts: rig.ports, journeyTimings: { cardWaitMs: 5_000, captureMs: 6_000 } });
  rig.lab.devices.onStatus((device, status) => {
    if (device !== 'magstripe') core.setDeviceStatus(device, status);
  });
  for (const device of ['fingerprint', 'cardSlot', 'printer'] as const) core.setDeviceStatus(device, rig.lab.devices[device].status);
  core.setCentralReachable(true);
  core.markStarted();
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  core.connect(coreEnd);
  const api = connectKiosk(rendererEnd, { snapshot: () => undefined, sessionEnded: () => undefined, reloadRequested: () => undefined }).api;

  const reach = async (step: string, idNumber: string = people.abeer.idNumber): Promise<KioskSnapshot> => {
    const station = rig.lab.lab.fingerprint;
    for (let i = 0; i < 1500; i++) {
      const snapshot = core.snapshot();
      const journey = snapshot.journey;
      if (journey?.step === step && !journey.busy) return snapshot;
      if (journey?.data.guidance === 'placeFinger' && !station.simulator.fingerOnGlass) station.place({ personId: idNumber, finger: 'rightIndex' });
      if (journey?.data.guidance === 'liftAndPlaceAgain' && station.simulator.fingerOnGlass) station.lift();
      await sleep(20);
    }
    throw new Error(`never reached ${step}; last ${core.snapshot().journey?.step ?? 'none'} ${JSON.stringify({ receipt: core.snapshot().receipt, printer: core.snapshot().devices.printer })}`);
  };
  return {
    rig,
    core,
    api,
    reach,
    close: async () => {
      core.stop();
      await rig.close();
    },
  };
}
