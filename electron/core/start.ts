import type { DestinationStream } from 'pino';
import { loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import { DeviceManager, devicesConfigSchema } from './devices';
import type { LabDevices } from './devices/demoLab';
import { KioskCore } from './kiosk';
import { createLogger } from './log';
import type { Logger } from './log';

export interface StartCoreOptions {
  configFile?: string | undefined;
  /** Layered over the file: the browser host's command line, a test's timings. */
  overrides?: unknown;
  logDestination?: DestinationStream;
}

export interface RunningCore {
  core: KioskCore;
  config: KioskConfig;
  log: Logger;
  devices: DeviceManager;
  /** The simulated lab, when the demo runs one (the dev dock drives it). */
  lab: LabDevices['lab'] | undefined;
  stop(): Promise<void>;
}

/** How long start-up waits for each configured device's first handshake before going on without it. */
const firstConnectionWaitMs = 5_000;

/** The same start-up in Electron's utility process and in the browser host's Node process. */
export async function startCore(options: StartCoreOptions): Promise<RunningCore> {
  const config = await loadConfig({ file: options.configFile, overrides: options.overrides });
  const log = createLogger({ level: config.log.level, ...(options.logDestination ? { destination: options.logDestination } : {}) });

  // The lab is imported only when asked for, so production bundles never load simulators.
  const labDevices = config.devices.simulated ? await (await import('./devices/demoLab')).startLabDevices() : undefined;
  const devices = new DeviceManager({
    config: labDevices?.config ?? devicesConfigSchema.parse(config.devices),
    log,
    ...(labDevices ? { openHid: labDevices.openHid } : {}),
  });
  const core = new KioskCore({ config, logger: log });
  devices.onStatus((device, status) => {
    if (device !== 'magstripe') core.setDeviceStatus(device, status);
  });
  core.onSessionEnded(() => void devices.clearForNextPerson());
  devices.start();
  let waited: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all([devices.fingerprint.awaitConnection(), devices.cardSlot.awaitConnection()]),
    new Promise<void>((resolve) => (waited = setTimeout(resolve, firstConnectionWaitMs))),
  ]);
  clearTimeout(waited);
  core.markStarted();

  return {
    core,
    config,
    log,
    devices,
    lab: labDevices?.lab,
    async stop() {
      core.stop();
      await devices.stop();
      await labDevices?.lab.close();
      log.flush();
    },
  };
}
