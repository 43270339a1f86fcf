import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import pino from 'pino';
import { sleep, systemClock } from '../../common/time';
import { openAtm } from './atm';
import { screenedCardDesk } from './atm/screenedDesk';
import type { AtmService } from './atm';
import type { AtmStation } from '../../drivers/lab/atmStation';
import type { Rollout } from '../../common/wire/updates';
import { loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import { DeviceManager, devicesConfigSchema } from './devices';
import type { LabDevices } from './devices/demoLab';
import { KioskCore } from './kiosk';
import { appVersion, catalogueRefresher, coreJourneyPorts, journeyStateTrace, logUploader, watchEventLoop } from './startParts';
import { lockoutsFromAudit, startMaintenance } from './maintenance';
import { appendAudit } from './store/auditLog';
import type { TechnicianPinCheck } from './maintenance/pinCheck';
import { createLogger } from './log';
import type { Logger } from './log';
import { LogRing, teeDestination } from './logRing';
import { armReadinessSchedule, type DiagnosticsService, startDiagnostics } from './maintenance/diagnostics';
import { DeviceCounterBook } from './store/deviceCounters';
import { TelemetryRecorder } from './telemetry/recorder';
import { ServiceCatalogueCache } from './catalogue';
import { openKioskData, startSync, statusFromSnapshot } from './sync';
import type { KioskData, SyncService } from './sync';

interface StartCoreOptions {
  configFile?: string | undefined;
  /** Layered over the file: the browser host's command line, a test's timings. */
  overrides?: unknown;
  logDestination?: DestinationStream;
  env?: NodeJS.ProcessEnv;
  /** Maintenance's "restart the core": the host's way to bring it back (absent: the action is refused). */
  restart?: () => void;
}

/** The embedded reference central in the demo (the dev dock reads its SMS outbox). */
export interface EmbeddedCentral {
  url: string;
  caCertPath: string;
}

export interface RunningCore {
  core: KioskCore;
  config: KioskConfig;
  log: Logger;
  devices: DeviceManager;
  data: KioskData;
  sync: SyncService | null;
  /** The simulated lab, when the demo runs one (the dev dock drives it). */
  lab: LabDevices['lab'] | undefined;
  central: EmbeddedCentral | undefined;
  /** ATM mode: the ATM's devices and the bank host. */
  atm: AtmService | undefined;
  /** ATM mode, demo: the lab's ATM station, a simulated ATM and bank host (the dev dock and the lab's /atm routes drive them). */
  atmStation: AtmStation | undefined;
  /** Fleet telemetry (the updater's steps are recorded through it). */
  telemetry: TelemetryRecorder;
  /** The kiosk package's version (package.json beside the bundle). */
  version: string;
  /** Central's rollout as last applied (null: none). */
  rollout(): Rollout | null;
  /** Maintenance diagnostics and the readiness report (the CLI and specs use it directly). */
  diagnostics: DiagnosticsService;
  /** The maintenance overlay's technician PIN check (null at an ATM): the control socket's store commands go through it. */
  technicianPins: TechnicianPinCheck | null;
  stop(): Promise<void>;
}

/** How long start-up waits for each configured device's first handshake before going on without it. */
const firstConnectionWaitMs = 5_000;

/**
 * The same start-up in Electron's utility process and in the browser host's
 * Node process: configuration, devices, the store, then sync with central.
 * Demo-only pieces (the lab, the embedded central) are imported only when
 * asked for, so a production kiosk never runs them.
 */
export async function startCore(options: StartCoreOptions): Promise<RunningCore> {
  const env = options.env ?? process.env;
  const fileConfig = await loadConfig({ file: options.configFile, overrides: options.overrides });
  const temporaryDataDir = fileConfig.store.dataDir ? null : await mkdtemp(join(tmpdir(), 'kiosk-data-'));
  const dataDir = fileConfig.store.dataDir ?? temporaryDataDir ?? '';
  // Every log line also goes to a bounded ring on disk, which the uploadLogs command sends to central.
  const logRing = new LogRing({ dir: join(dataDir, 'logs'), ...(fileConfig.log.ring ?? {}) });
  const log = createLogger({ level: fileConfig.log.level, destination: teeDestination(options.logDestination ?? pino.destination(2), logRing) });
  const stopWatch = watchEventLoop(log);

  const atmMode = fileConfig.mode === 'atm';
  const simulatedAtm = atmMode && fileConfig.atm.simulated;
  // Demo only: the core runs on a clock the dock can skip ahead, together with the embedded central's (and the simulated ATM's,
  // so a card left at its exit is kept without waiting out the time).
  const demoClock =
    fileConfig.profile === 'demo' && (fileConfig.devices.simulated || fileConfig.central.embedded || simulatedAtm)
      ? new (await import('./skippableClock')).SkippableClock()
      : undefined;
  const stationClock = demoClock ? { clock: demoClock } : {};
  const [labDevices, embedded, ownAtmStation] = await Promise.all([
    // At an ATM the lab runs with its ATM station, whose /atm routes the demo's tools drive.
    fileConfig.devices.simulated ? import('./devices/demoLab').then((m) => m.startLabDevices(simulatedAtm ? { atm: stationClock, log } : {})) : undefined,
    fileConfig.central.embedded
      ? import('../../central/server').then((m) => m.startCentral({
            port: 0,
            dataDir: join(dataDir, 'central'),
            profile: 'demo',
            // The e2e specs start a demo per test: its population's hashes and templates computed once (central/store/seedMaterial.ts).
            ...(env.KIOSK_DEMO_SEED_CACHE ? { seedCacheDir: env.KIOSK_DEMO_SEED_CACHE } : {}),
            logger: log.child({ service: 'central' }),
          }))
      : undefined,
    // A simulated ATM without the rest of the lab: the same station, on its own.
    simulatedAtm && !fileConfig.devices.simulated ? import('../../drivers/lab/atmStation').then((m) => m.startAtmStation({ log, ...stationClock })) : undefined,
  ]);
  const atmStation = labDevices?.lab.atm ?? ownAtmStation;
  // The embedded central stands in for the ministry's: in the demo it serves this kiosk's own session and branding settings,
  // so a short-timing test or a branded demo is not overridden by central's defaults on the first config refresh.
  embedded?.context.kioskConfig.update((body) => ({ ...body, session: fileConfig.session, branding: fileConfig.branding, outOfService: fileConfig.outOfService }));
  const config: KioskConfig = embedded
    ? { ...fileConfig, central: { ...fileConfig.central, url: embedded.url, caFile: embedded.caCertPath } }
    : fileConfig;

  // At an ATM the kiosk's own fingerprint reader, card slot and swipe reader are not fitted: the lab's stay unopened.
  const kioskLab = atmMode ? undefined : labDevices;
  const devices = new DeviceManager({
    config: kioskLab?.config ?? devicesConfigSchema.parse(atmMode ? {} : config.devices),
    log,
    ...(kioskLab ? { openHid: kioskLab.openHid } : {}),
  });
  const data = await openKioskData({ config, dataDir, env });
  if (!data.ok) throw new Error(`kiosk store could not be opened: ${data.error.type}`);
  const kioskData = data.value;
  // Life counters: each receipt printed and each time the paper is found out is one write to device_counters; the heartbeat reports them.
  const counters = await DeviceCounterBook.open(kioskData.store, () => (demoClock ?? systemClock).now(), log);
  counters.follow('printer', devices.printer);
  counters.follow('cardSlot', devices.cardSlot);

  let sync: SyncService | null = null;
  // Fleet telemetry: each fact in one transaction with the audit entry (and counter) it changes, then sent at once.
  const telemetry = new TelemetryRecorder({
    store: kioskData.store,
    enqueue: (tx, event) => kioskData.outbox.enqueue(tx, event),
    // The core's clock: in the demo it skips ahead with the dock, as session durations do.
    now: () => (demoClock ?? systemClock).now(),
    dataKey: kioskData.dataKey,
    log: log.child({ component: 'telemetry' }),
    onRecorded: () => sync?.outboxChanged(),
  });

  const journeyPorts = coreJourneyPorts({ sync: () => sync, telemetry, data: kioskData, devices, atmMode });
  // ATM mode: the ATM's card reader, EPP and printer over XFS4IoT, and the bank host; a kept card is reported to central.
  const atm = atmMode
    ? await openAtm({
        atm: config.atm,
        log,
        ...(atmStation ? { endpoints: { publisherUrl: atmStation.publisherUrl, bankHostUrl: atmStation.bankHostUrl } } : {}),
        ...(demoClock ? { clock: demoClock } : {}),
        report: (event) => void counters.readBackAfter(telemetry.cardRetained('atmCardReader', event.reason)),
        receipt: { kioskId: config.kioskId, portalName: config.branding.portalName, supportNumber: config.branding.supportNumber },
      })
    : undefined;
  if (atm) journeyPorts.atm = atm.journeyPorts();
  // The ATM's card reader as the core's door, a technician's card screened out first (maintenance/atmEntry.ts).
  const atmDesk = atm ? screenedCardDesk(atm) : null;
  // The core is made after the dock, which tells it when the clocks were skipped.
  const skipped: { core?: KioskCore } = {};
  const devDock = demoClock
    ? await import('./devDock').then(
        (m) =>
          new m.DevDockService({
            // At an ATM the dock is the ATM's: a bank card, the EPP, the bank host; the kiosk's own bench is not there.
            lab: kioskLab?.lab,
            atm: atmStation,
            central: embedded && m.dockCentralOf(embedded),
            devices,
            log,
            time: {
              skip: (ms) => {
                demoClock.skip(ms);
                embedded?.context.clock.advance(ms);
                skipped.core?.clockSkipped();
              },
            },
          }),
      )
    : undefined;
  // Demo only: KIOSK_JOURNEY_TRACE names a file that gets each journey state the first time this core enters it
  // (state names, never data); the e2e suite's coverage report reads it.
  const tracePath = config.profile === 'demo' ? env.KIOSK_JOURNEY_TRACE : undefined;
  // Maintenance diagnostics and the readiness report (served while a technician has the kiosk; scheduled from configuration).
  const versions = { app: await appVersion() };
  const diagnostics = await startDiagnostics({
    config: () => config,
    configFile: options.configFile,
    overrides: options.overrides,
    devices: atm ? null : devices,
    atm,
    data: kioskData,
    telemetry,
    counters,
    sync: () => sync,
    versions,
    dataDir,
    clock: demoClock ?? systemClock,
    log,
  });
  // Government mode: central's service catalogue, as stored by an earlier run until central gives a newer one.
  const catalogue = atmMode ? undefined : new ServiceCatalogueCache({ store: kioskData.store, now: () => (demoClock ?? systemClock).now() });
  await catalogue?.restore();
  const refreshCatalogue = catalogueRefresher(catalogue, () => sync, log);
  const core = new KioskCore({
    config,
    ...(catalogue ? { catalogue } : {}),
    logger: log,
    diagnostics,
    journeyPorts,
    devDock,
    ...(demoClock ? { clock: demoClock } : {}),
    ...(tracePath ? { onJourneyState: journeyStateTrace(tracePath) } : {}),
    ...(atmDesk ? { atm: atmDesk.desk } : {}),
    telemetry: {
      sessionOutcome: (fact) => telemetry.sessionEnded(fact),
      sessionGone: (sessionId) => telemetry.forgetSession(sessionId),
      visitor: (idNumber) => telemetry.visitor(idNumber),
    },
  });
  skipped.core = core;
  // A government kiosk's own devices; at an ATM none is fitted (the card reader, EPP and printer are the ATM's, below).
  if (!atm) {
    devices.onStatus((device, status) => {
      if (device !== 'magstripe') core.setDeviceStatus(device, status);
    });
    // Counted in the telemetry transaction; the counter book reads it back so the heartbeat reports it.
    devices.cardSlot.onRetained((reason) => void counters.readBackAfter(telemetry.cardRetained('cardSlot', reason)));
  }
  // Faults and recoveries of every device, the ATM's included; devices closed at shutdown are no fault.
  let shuttingDown = false;
  const deviceStatus = (device: string, status: string): void => {
    if (!shuttingDown) void telemetry.deviceStatus(device, status);
  };
  devices.onStatus(deviceStatus);
  atm?.onStatus(deviceStatus);
  // The card watch for technicians waits until the last person's card is handed back.
  let cleared: Promise<unknown> = Promise.resolve();
  core.onSessionEnded(() => {
    cleared = devices.clearForNextPerson();
  });
  const uploadLogs = logUploader({ sync: () => sync, logRing, telemetry, log });
  // Maintenance: the technician card in the card slot and the PIN on the screen; at an ATM, the card in its reader and the PIN on its EPP.
  const maintenance = startMaintenance({
    core,
    clock: demoClock ?? systemClock,
    log,
    record: (fact, actor) => telemetry.recordAs(actor, fact),
    cardSlot: atm ? null : devices.cardSlot,
    atm: atm && atmDesk ? { pad: atm.technicianPinPad(), screenCards: atmDesk.screen } : null,
    settled: () => cleared,
    sync: () => sync,
    uploadLogs: () => uploadLogs(null),
    lockout: await lockoutsFromAudit(kioskData.store),
    audit: (action, detail) => kioskData.store.write((tx) => appendAudit(tx, { actor: 'kiosk', action, detail }, (demoClock ?? systemClock).now())),
    onIdle: () => diagnostics.kioskIdle(),
    ...(options.restart ? { restart: options.restart } : {}),
  });
  // The scheduled readiness report: never while a customer or a technician has the kiosk (it waits for the next idle moment).
  const kioskBusy = (): boolean => core.customerSession || !maintenance.desk.idle;
  armReadinessSchedule(diagnostics, demoClock ?? systemClock, config, kioskBusy);
  core.onSessionEnded(() => void cleared.then(() => diagnostics.kioskIdle()));
  devices.start();
  atm?.onStatus((device, status) => core.setDeviceStatus(device, status));
  atm?.start();

  const version = versions.app;
  let rollout: Rollout | null = null;
  const centralUrl = config.central.url;
  if (centralUrl && config.central.caFile) {
    const started = await startSync({
      data: data.value,
      config: { ...config, central: { ...config.central, url: centralUrl } },
      caPem: await readFile(config.central.caFile, 'utf8'),
      enrolmentCode: embedded ? await embedded.issueEnrolmentCode() : env.KIOSK_ENROLMENT_CODE,
      log,
      versions,
      hooks: {
        status: () => statusFromSnapshot(core.snapshot(), counters.values()),
        setOutOfService: (on) => core.setOutOfService(on),
        reloadUi: () => core.requestUiReload(),
        uploadLogs,
        personPresent: kioskBusy,
        applyConfig: (applied) => {
          rollout = applied.central.updates ?? null;
          // The technicians first: the snapshot the next line pushes says this configuration is in force.
          maintenance.setTechnicians(applied.central.technicians ?? []);
          core.applyConfig(applied.config, applied.central.configVersion);
          armReadinessSchedule(diagnostics, demoClock ?? systemClock, applied.config, kioskBusy);
          // A new catalogue comes with a new configuration.
          if (applied.central.catalogueVersion !== catalogue?.version) void refreshCatalogue();
        },
      },
    });
    if (started.ok) {
      sync = started.value;
      sync.onReachability((reachable) => core.setCentralReachable(reachable));
      sync.onStatus((status) => core.setSyncStatus(status));
      void refreshCatalogue();
    } else {
      core.setCentralReachable(false);
      log.warn({ event: 'sync.notStarted', reason: started.error.type }, 'sync with central not started');
    }
  }

  const connected = new AbortController();
  await Promise.race([
    atm ? atm.connected() : Promise.all([devices.fingerprint.awaitConnection(), devices.cardSlot.awaitConnection()]),
    sleep(firstConnectionWaitMs, { signal: connected.signal }),
  ]);
  connected.abort();
  core.markStarted();

  let stopping: Promise<void> | undefined;
  const stopAll = async (): Promise<void> => {
    shuttingDown = true;
    stopWatch();
    diagnostics.stop();
    core.stop();
    await maintenance.stop();
    devDock?.close();
    await atm?.stop();
    await sync?.stop();
    await devices.stop();
    await data.value.store.close();
    await labDevices?.lab.close();
    await ownAtmStation?.close();
    await embedded?.close();
    log.flush();
    logRing.close();
    if (temporaryDataDir) await rm(temporaryDataDir, { recursive: true, force: true });
  };
  return {
    core,
    config,
    log,
    devices,
    data: data.value,
    sync,
    lab: labDevices?.lab,
    central: embedded && { url: embedded.url, caCertPath: embedded.caCertPath },
    atm,
    atmStation,
    telemetry,
    version,
    rollout: () => rollout,
    diagnostics,
    technicianPins: maintenance?.desk.pinCheck ?? null,
    // Idempotent: a second signal (Ctrl+C reaches the host and its launcher) joins the first stop.
    stop: () => (stopping ??= stopAll()),
  };
}
