import { createNanoEvents } from 'nanoevents';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../../../common/time';
import type { DeadLetterView, DiagnosticAction, DiagnosticActionResult, DiagnosticTarget, DiagnosticsReport, ReadinessReport } from '../../../contract';
import { diagnosticTargets } from '../../../contract';
import type { DeviceManager, PersonGuidance } from '../../devices';
import type { Logger } from '../../log';
import type { DeviceCounterBook } from '../../store/deviceCounters';
import type { Store } from '../../store/store';
import { technicianActor, type TelemetryRecorder } from '../../telemetry/recorder';
import { listDeadLetters, settleDeadLetter } from './deadLetters';
import { atmChecks, cardSlotChecks, type DeviceCheckDeps, fingerprintChecks, magstripeChecks, printerChecks } from './deviceChecks';
import { runDeviceTest } from './deviceTests';
import { type NetworkSource, networkChecks } from './networkChecks';
import { buildReadiness, lastManualResults } from './readiness';
import { printReadiness } from './readinessReceipt';
import { ReadinessSchedule } from './readinessSchedule';
import { type SystemSource, systemChecks } from './systemChecks';
import { TestCaptureProgress } from './testCaptureProgress';
import type { AtmStatus } from '../../../../drivers/xfs4iot/atm';

interface DiagnosticsOptions {
  /** The kiosk's own devices (null at an ATM). */
  devices: DeviceManager | null;
  /** ATM mode: the ATM's services. */
  atm: { diagnose(): Promise<AtmStatus | null> } | null;
  store: Store;
  telemetry: TelemetryRecorder;
  counters: DeviceCounterBook;
  /** Sync, once it runs (null: not configured or not started). */
  network: () => NetworkSource | null;
  centralConfigured: boolean;
  system: SystemSource;
  kioskId: () => string;
  retainBinWarnAt: () => number;
  now: () => number;
  log: Logger;
  /** What the readiness report covers (default: every target this kind of kiosk has). The CLI has no network of its own. */
  targets?: readonly DiagnosticTarget[];
}

const binRow = { value: 0 };

/**
 * Diagnostics and the readiness report, for the maintenance screen and the
 * CLI alike. Every test a technician runs and every report is recorded as
 * telemetry: one transaction with its audit entry and outbox event.
 */
export class DiagnosticsService {
  private latest: ReadinessReport | null = null;
  private schedule: ReadinessSchedule | null = null;
  private readonly checkDeps: DeviceCheckDeps;
  private readonly events = createNanoEvents<{ capture: () => void }>();
  /** The fingerprint test capture as it runs (`snapshot.maintenance.testCapture`). */
  readonly testCapture: TestCaptureProgress;

  constructor(private readonly options: DiagnosticsOptions) {
    this.testCapture = new TestCaptureProgress(options.now, () => {
      this.events.emit('capture');
    });
    this.checkDeps = { devices: options.devices, atm: options.atm, counters: () => options.counters.values(), retainBinWarnAt: options.retainBinWarnAt, now: options.now };
  }

  async diagnose(target: DiagnosticTarget): Promise<DiagnosticsReport> {
    const { now } = this.options;
    switch (target) {
      case 'fingerprint':
        return fingerprintChecks(this.checkDeps);
      case 'cardSlot':
        return cardSlotChecks(this.checkDeps);
      case 'magstripe':
        return magstripeChecks(this.checkDeps);
      case 'printer':
        return printerChecks(this.checkDeps);
      case 'atm':
        return atmChecks(this.checkDeps);
      case 'network':
        return networkChecks(this.options.network(), this.options.centralConfigured, now());
      case 'system':
        return systemChecks(this.options.system, now());
    }
  }

  /**
   * One technician test or change. `technicianId` names who did it in the
   * audit log (the technician signed in, or the one at the CLI); without it
   * the actor is the kiosk.
   */
  /** Hears each change of the test capture's progress; answers the unsubscribe. */
  onTestCaptureChange(listener: () => void): () => void {
    return this.events.on('capture', listener);
  }

  async action(action: DiagnosticAction, options: { language?: 'ar' | 'en'; signal?: AbortSignal; onGuidance?: (guidance: PersonGuidance) => void; technicianId?: string } = {}): Promise<DiagnosticActionResult> {
    if (action !== 'fingerprint.testCapture') return this.runAction(action, options);
    // The test capture publishes its progress: each word the reader's driver says, then the quality or why not.
    const tell = this.testCapture.start();
    const heard = options.onGuidance;
    try {
      const result = await this.runAction(action, { ...options, onGuidance: (guidance) => {
        tell(guidance);
        heard?.(guidance);
      } });
      this.testCapture.finish(result.check);
      return result;
    } finally {
      this.testCapture.abandon();
    }
  }

  private async runAction(action: DiagnosticAction, options: { language?: 'ar' | 'en'; signal?: AbortSignal; onGuidance?: (guidance: PersonGuidance) => void; technicianId?: string }): Promise<DiagnosticActionResult> {
    const { counters, telemetry } = this.options;
    const actor = actorOf(options.technicianId);
    const result = await runDeviceTest(
      action,
      {
        devices: this.options.devices,
        counters: () => counters.values(),
        kioskId: this.options.kioskId,
        language: () => options.language ?? 'ar',
        now: this.options.now,
        retained: async (device) => {
          await telemetry.cardRetained(device, 'technicianTest');
          await counters.reload();
          return counters.values()[device]?.retainBin ?? null;
        },
        binEmptied: async (device) => {
          const before = { count: 0 };
          const at = this.options.now();
          const recorded = await telemetry.recordAs(actor, { type: 'diagnostics.action', action: 'cardSlot.binEmptied', result: 'pass', code: null, quality: null, count: 0, deadLetter: null }, function* (tx) {
            const bin = yield* tx.get(z.object({ value: z.number().int() }), "SELECT value FROM device_counters WHERE device = ? AND counter = 'retainBin'", [device]);
            before.count = (bin ?? binRow).value;
            yield* tx.run("UPDATE device_counters SET value = 0, updated_at = ? WHERE device = ? AND counter = 'retainBin'", [at, device]);
            return { count: before.count };
          });
          if (!recorded.ok) throw new Error(`the bin count was not reset: ${recorded.error.detail}`);
          await counters.reload();
          return before.count;
        },
      },
      { ...(options.signal ? { signal: options.signal } : {}), ...(options.onGuidance ? { onGuidance: options.onGuidance } : {}) },
    );
    // binEmptied recorded itself with its reset; every other test is recorded here (never the image).
    if (action !== 'cardSlot.binEmptied') {
      const check = result.check;
      const quality = typeof check.facts.quality === 'number' ? check.facts.quality : null;
      await telemetry.recordAs(actor, { type: 'diagnostics.action', action, result: check.result === 'manual' ? 'pass' : check.result, code: check.code, quality, count: null, deadLetter: null });
    }
    return result;
  }

  deadLetters(): Promise<DeadLetterView[]> {
    return this.options.store.read((tx) => listDeadLetters(tx));
  }

  /** Retry or discard one dead letter, audited and reported in the same transaction; then the list as it is now. */
  async deadLetterAction(txId: string, action: 'retry' | 'discard', technicianId?: string): Promise<DeadLetterView[] | null> {
    const found = { moved: false };
    const at = this.options.now();
    const recorded = await this.options.telemetry.recordAs(
      actorOf(technicianId),
      { type: 'diagnostics.action', action: action === 'retry' ? 'deadLetter.retry' : 'deadLetter.discard', result: 'pass', code: null, quality: null, count: null, deadLetter: null },
      function* (tx) {
        const settled = yield* settleDeadLetter(tx, txId, action, at);
        if (!settled) throw new NoSuchDeadLetter();
        found.moved = true;
        return { deadLetter: { kind: settled.kind.slice(0, 40), code: settled.code.slice(0, 80) } };
      },
    );
    if (!recorded.ok && !found.moved) return null;
    if (!recorded.ok) throw new Error(recorded.error.detail);
    return this.deadLetters();
  }

  /** Every automatic check, the manual ones with their last result; saved and sent (one telemetry fact), printed when asked and possible. */
  async runReadiness(options: { trigger: ReadinessReport['trigger']; print: boolean; language?: 'ar' | 'en'; technicianId?: string }): Promise<ReadinessReport> {
    const { now, telemetry, store } = this.options;
    const started = performance.now();
    const at = now();
    const targets = (this.options.targets ?? diagnosticTargets).filter((t) => (this.options.devices ? t !== 'atm' : !['fingerprint', 'cardSlot', 'magstripe', 'printer'].includes(t)));
    const reports = await Promise.all(
      targets.map((target) => this.diagnose(target).catch((error: unknown) => ({ target, error: error instanceof Error ? error.message : String(error) }))),
    );
    const last = await store.read((tx) => lastManualResults(tx));
    const report = buildReadiness(reports, last, { id: randomUUID(), at, wallMs: Math.round(performance.now() - started), trigger: options.trigger });
    const printer = this.options.devices?.printer;
    if (options.print && printer && printer.status !== 'noDevice') {
      report.printed = await printReadiness(printer, report, this.options.kioskId(), options.language ?? 'ar').catch(() => false);
    }
    const recorded = await telemetry.recordAs(actorOf(options.technicianId), {
      type: 'readiness.report',
      reportId: report.id,
      overall: report.overall,
      trigger: report.trigger,
      wallMs: report.wallMs,
      printed: report.printed,
      checks: report.checks.map((c) => ({ name: c.name, result: c.result, automatic: c.automatic, code: c.code, detail: c.detail, lastAt: c.last ? new Date(c.last.at).toISOString() : null })),
    });
    if (!recorded.ok) this.options.log.warn({ event: 'readiness.notSaved', reason: recorded.error.type }, 'readiness report not saved');
    this.latest = report;
    return report;
  }

  lastReadiness(): ReadinessReport | null {
    return this.latest;
  }

  /**
   * Runs the report every `minutes` on `clock` (printed when `print`), never
   * while `busy` (it waits for `kioskIdle()`); a new call with other settings
   * re-arms the schedule, null stops it (see ReadinessSchedule).
   */
  scheduleReadiness(clock: Clock, minutes: number | null, print: boolean, busy: () => boolean = () => false): void {
    this.schedule ??= new ReadinessSchedule(clock, { run: (printIt) => this.runReadiness({ trigger: 'schedule', print: printIt }), busy, log: this.options.log });
    this.schedule.configure(minutes, print);
  }

  /** Nobody is at the kiosk now: a scheduled report that waited runs. */
  kioskIdle(): void {
    this.schedule?.idle();
  }

  stop(): void {
    this.schedule?.stop();
  }
}

function actorOf(technicianId: string | undefined): string {
  return technicianId === undefined ? 'kiosk' : technicianActor(technicianId);
}

class NoSuchDeadLetter extends Error {
  constructor() {
    super('no such dead letter');
  }
}
