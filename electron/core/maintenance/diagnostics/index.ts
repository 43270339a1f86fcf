import type { Clock } from '../../../../common/time';
import type { AtmService } from '../../atm';
import { readConfigFile } from '../../config/load';
import type { KioskConfig } from '../../config/schema';
import type { DeviceManager } from '../../devices';
import type { Logger } from '../../log';
import { readConfiguration } from '../../store/configuration';
import type { DeviceCounterBook } from '../../store/deviceCounters';
import type { KioskData, SyncService } from '../../sync';
import type { TelemetryRecorder } from '../../telemetry/recorder';
import { DiagnosticsService } from './service';
import { settingSourcesOf } from './systemChecks';

export { DiagnosticsService } from './service';

/** Central's configuration overrides these top-level settings (sync/configRefresh.ts layerCentral). */
const CENTRAL_KEYS = ['branding', 'session', 'outOfService'] as const;

/**
 * The diagnostics service as the running core has it: its devices (or the
 * ATM's), its store and telemetry, sync once it runs, the configuration's
 * layers. The readiness schedule is armed by `armReadinessSchedule` once
 * the core exists (it needs to know when the kiosk is busy).
 */
export async function startDiagnostics(options: {
  config: () => KioskConfig;
  configFile: string | undefined;
  overrides: unknown;
  devices: DeviceManager | null;
  atm: AtmService | undefined;
  data: KioskData;
  telemetry: TelemetryRecorder;
  counters: DeviceCounterBook;
  sync: () => SyncService | null;
  versions: Record<string, string>;
  dataDir: string;
  clock: Clock;
  log: Logger;
}): Promise<DiagnosticsService> {
  const file = options.configFile ? await readConfigFile(options.configFile).catch(() => undefined) : undefined;
  const startedAt = options.clock.now();
  const store = options.data.store;
  const service = new DiagnosticsService({
    devices: options.devices,
    atm: options.atm ?? null,
    store,
    telemetry: options.telemetry,
    counters: options.counters,
    network: () => {
      const sync = options.sync();
      return sync && { status: () => sync.status(), heartbeatInfo: () => sync.heartbeatInfo(), heartbeatIntervalMs: 30_000 };
    },
    centralConfigured: options.config().central.url !== null,
    system: {
      versions: options.versions,
      configVersion: async () => (await store.read((tx) => readConfiguration(tx)))?.version ?? null,
      settingSources: () => {
        const central = options.sync() ? [...CENTRAL_KEYS] : [];
        return settingSourcesOf({ file, local: options.overrides, central }, Object.keys(options.config()));
      },
      dataDir: options.dataDir,
      processStartedAt: startedAt,
    },
    kioskId: () => options.config().kioskId,
    retainBinWarnAt: () => options.config().diagnostics.retainBinWarnAt,
    now: () => options.clock.now(),
    log: options.log.child({ component: 'diagnostics' }),
  });
  return service;
}

/**
 * The readiness schedule from configuration, never while the kiosk is busy
 * (a customer, a technician); call again with each new configuration: the
 * same settings keep the rhythm, new ones re-arm it.
 */
export function armReadinessSchedule(service: DiagnosticsService, clock: Clock, config: KioskConfig, busy: () => boolean): void {
  const { readinessEveryMinutes, printScheduled } = config.diagnostics;
  service.scheduleReadiness(clock, readinessEveryMinutes, printScheduled, busy);
}
