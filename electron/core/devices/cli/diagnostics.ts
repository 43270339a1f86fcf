import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { CheckOutcome, DiagnosticAction, DiagnosticTarget } from '../../../contract';
import { DiagnosticsService } from '../../maintenance/diagnostics';
import { DeviceCounterBook } from '../../store/deviceCounters';
import { openStore } from '../../store/openStore';
import { Outbox } from '../../store/outbox';
import { transactionIds } from '../../store/transactionId';
import { TelemetryRecorder } from '../../telemetry/recorder';
import type { DeviceManager } from '..';
import { EXIT, type ExitCode, type Options } from './options';
import type { Output } from './output';

/**
 * The maintenance screen's diagnostics on a technician's laptop: the same
 * checks and readiness report, on the devices given (or the lab). The CLI has
 * no kiosk store and no central: its report is printed (and, with --print,
 * put on paper), and the scratch store it uses is deleted at exit; the
 * kiosk's own report is saved and sent by the running core.
 */

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', manual: 'MANUAL' } as const;

async function withService<T>(devices: DeviceManager, log: Logger, options: Options, work: (service: DiagnosticsService) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-cli-'));
  const opened = await openStore({ path: join(dir, 'scratch.db'), masterKey: randomBytes(32) });
  if (!opened.ok) throw new Error(`scratch store: ${opened.error.type}`);
  const { store, dataKey } = opened.value;
  try {
    const now = () => Date.now();
    const outbox = new Outbox(store, dataKey, { newTxId: transactionIds('KIOSK-CLI', { now }), now });
    const telemetry = new TelemetryRecorder({ store, enqueue: (tx, event) => outbox.enqueue(tx, event), now, dataKey, log });
    const service = new DiagnosticsService({
      devices,
      atm: null,
      store,
      telemetry,
      counters: await DeviceCounterBook.open(store, now),
      network: () => null,
      centralConfigured: false,
      system: { versions: {}, configVersion: async () => null, settingSources: () => ({}), dataDir: dir, processStartedAt: now() - process.uptime() * 1000 },
      kioskId: () => options.kioskId ?? 'KIOSK-CLI',
      retainBinWarnAt: () => 40,
      now,
      log,
      // A laptop's network says nothing about the kiosk's: the kiosk's own report checks central.
      targets: ['fingerprint', 'cardSlot', 'magstripe', 'printer', 'system'],
    });
    return await work(service);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function sayCheck(out: Output, check: CheckOutcome): void {
  out.say(`  ${MARK[check.result].padEnd(7)} ${check.name.padEnd(26)} ${check.detail}`);
}

const row = (c: CheckOutcome & { automatic?: boolean }) => ({ name: c.name, result: c.result, detail: c.detail, code: c.code, ...(c.automatic === undefined ? {} : { automatic: c.automatic }), facts: c.facts });

export async function readiness(devices: DeviceManager, out: Output, options: Options, log: Logger): Promise<ExitCode> {
  return withService(devices, log, options, async (service) => {
    const report = await service.runReadiness({ trigger: 'cli', print: options.print, language: options.language });
    out.say(`Readiness: ${report.overall.toUpperCase()} (${report.checks.filter((c) => c.automatic).length} automatic checks in ${report.wallMs} ms)`);
    for (const check of report.checks) sayCheck(out, check);
    out.report.overall = report.overall;
    out.report.wallMs = report.wallMs;
    out.report.printed = report.printed;
    out.report.checks = report.checks.map(row);
    const failed = report.checks.filter((c) => c.automatic && c.result === 'fail');
    return out.finish(failed.length ? EXIT.checkFailed : EXIT.ok, failed.length ? `${failed.length} automatic check(s) failed: ${failed.map((c) => c.name).join(', ')}` : undefined);
  });
}

export async function diagnose(devices: DeviceManager, out: Output, options: Options, log: Logger, target: DiagnosticTarget): Promise<ExitCode> {
  return withService(devices, log, options, async (service) => {
    const report = await service.diagnose(target);
    for (const check of report.checks) sayCheck(out, check);
    out.report.present = report.present;
    out.report.checks = report.checks.map(row);
    const failed = !report.present || report.checks.some((c) => c.result === 'fail');
    return out.finish(failed ? EXIT.checkFailed : EXIT.ok, !report.present ? `no ${target} on this kiosk` : failed ? 'a check failed' : undefined);
  });
}

/** One technician test (LED, retain) through the same service as the screen. */
export async function deviceTest(devices: DeviceManager, out: Output, options: Options, log: Logger, action: DiagnosticAction): Promise<ExitCode> {
  return withService(devices, log, options, async (service) => {
    const { check } = await service.action(action, { language: options.language });
    sayCheck(out, check);
    out.report.check = row(check);
    return out.finish(check.result === 'fail' ? (check.code === 'unplugged' ? EXIT.notFound : check.code === 'timeout' ? EXIT.timeout : EXIT.deviceError) : EXIT.ok, check.result === 'fail' ? check.detail : undefined);
  });
}
