import type { CheckOutcome, DeadLetterView, DiagnosticAction, DiagnosticActionResult, DiagnosticsApi, DiagnosticsReport, DiagnosticTarget, ReadinessReport, TestCaptureFailure, TestCaptureView } from '../../../contract';
import { KioskError, readinessOverall } from '../../../contract';
import type { KioskErrorCode } from '../../../contract';

/**
 * A stand-in for the core's diagnostics, for the panels' component specs and
 * their screenshot page: what the core answers for a lab kiosk whose printer
 * is low on paper and whose central refused two events. The core's own
 * behaviour is specified in electron/core/maintenance/diagnostics.
 */

const at = Date.UTC(2026, 11, 3, 9, 30);
const check = (name: string, result: CheckOutcome['result'], detail: string, facts: CheckOutcome['facts'] = {}, code: string | null = null): CheckOutcome => ({ name, result, detail, code, facts, at });

const REPORTS: Record<DiagnosticTarget, DiagnosticsReport> = {
  fingerprint: {
    target: 'fingerprint',
    present: true,
    checks: [
      check('fingerprint.module', 'pass', 'module answers', { deviceId: 'zfm-0009-FFFFFFFF', libraryCapacity: 1000, securityLevel: 3, baudRate: 57600, led: true }),
      check('fingerprint.library', 'pass', 'library empty', { templateCount: 0 }),
    ],
  },
  cardSlot: {
    target: 'cardSlot',
    present: true,
    checks: [
      check('cardSlot.reader', 'pass', 'reader answers', { position: 'noCard', shutter: false, firmware: '3A02-60S', retractCounter: 3 }),
      check('cardSlot.counters', 'pass', 'counters', { inserted: 0, readErrors: 0, retained: 3 }),
      check('cardSlot.retainBin', 'warn', '38 cards in the retain bin', { count: 38, warnAt: 35 }, 'binNearlyFull'),
    ],
  },
  magstripe: { target: 'magstripe', present: false, checks: [] },
  printer: {
    target: 'printer',
    present: true,
    checks: [check('printer.link', 'pass', 'connected', { status: 'online' }), check('printer.paper', 'warn', 'paper near its end', { condition: 'ready', paperNearEnd: true, widthDots: 576 }, 'paperLow')],
  },
  atm: { target: 'atm', present: false, checks: [] },
  network: {
    target: 'network',
    present: true,
    checks: [
      check('network.central', 'pass', 'central answers', { lastContactAt: at }),
      check('network.clock', 'pass', 'within 1 s', { skewMs: 140 }),
      check('network.certificate', 'pass', 'valid', { notAfter: at + 20 * 86_400_000, daysLeft: 20 }),
      check('network.outbox', 'pass', '0 waiting', { queueDepth: 0 }),
      check('network.deadLetters', 'warn', '2 refused', { deadLetters: 2 }, 'deadLetters'),
    ],
  },
  system: {
    target: 'system',
    present: true,
    checks: [check('system.versions', 'pass', 'versions', { app: '0.1.0', node: '22.23.5' }), check('system.disk', 'pass', 'disk', { freeMiB: 51_200, totalMiB: 120_000 }), check('system.uptime', 'pass', 'uptime', { coreSeconds: 5400 })],
  },
};

/** A grey test image with ridges, as the module would send (never a real finger). */
function testImage(): DiagnosticActionResult['image'] {
  const width = 256;
  const height = 288;
  const level = (i: number): number => (Math.hypot((i % width) - 128, Math.floor(i / width) - 150) % 9 < 4 ? 2 : 14);
  const packed = Array.from({ length: (width * height) / 2 }, (_, i) => String.fromCharCode((level(2 * i) << 4) | level(2 * i + 1)));
  return { width, height, grey4Base64: btoa(packed.join('')) };
}

export class FakeDiagnostics {
  readonly calls: { procedure: string; input: unknown }[] = [];
  deadLetterList: DeadLetterView[] = [
    { txId: 'KIOSK-DEMO-0001-01J000000000000000000000A1', kind: 'telemetry', code: 'payload_invalid', detail: null, attempts: 3, createdAt: at - 7_200_000, failedAt: at - 3_600_000 },
    { txId: 'KIOSK-DEMO-0001-01J000000000000000000000B2', kind: 'audit', code: 'kind_unknown', detail: null, attempts: 1, createdAt: at - 600_000, failedAt: at - 300_000 },
  ];
  latest: ReadinessReport | null = null;
  /** Called before an action answers (a spec holds it to see the progress). */
  beforeAction: (action: DiagnosticAction) => Promise<void> = async () => undefined;
  /** The next calls of this procedure are refused as the core would (a KioskError's code and message). */
  refuse: { procedure: string; code: KioskErrorCode; message: string } | null = null;
  private held = new Map<DiagnosticTarget, Promise<void>>();
  /** How the next test captures end: an image (quality 84), or failed for this reason. */
  captureEnds: 'image' | TestCaptureFailure = 'image';
  /** Hears the test capture's progress as the core publishes it (`snapshot.maintenance.testCapture`). */
  onCaptureProgress: (view: TestCaptureView) => void = () => undefined;
  private captureSeq = 0;
  private current: TestCaptureView | null = null;

  /** The next report for `target` waits until the returned function is called (a slow device). */
  holdNext(target: DiagnosticTarget): () => void {
    let release = (): void => undefined;
    this.held.set(target, new Promise<void>((resolve) => (release = resolve)));
    return () => release();
  }

  api(): DiagnosticsApi {
    return {
      diagnose: async (input) => {
        const hold = this.held.get(input.target);
        this.held.delete(input.target);
        const answer = this.note('diagnose', input, () => structuredClone(REPORTS[input.target]));
        await hold;
        return answer;
      },
      diagnosticAction: async (input) => {
        this.note('diagnosticAction', input, () => undefined);
        if (input.action === 'fingerprint.testCapture') this.captureProgress({ phase: 'capturing', guidance: 'starting' });
        await this.beforeAction(input.action);
        if (input.action === 'fingerprint.testCapture') return this.testCapture();
        if (input.action === 'cardSlot.readTest') return { check: check(input.action, 'pass', 'read', { card: 'nationalId', number: '******0008', expiry: '2030-05-01', expired: false }) };
        if (input.action === 'cardSlot.binEmptied') return { check: check(input.action, 'pass', 'reset', { before: 38, count: 0 }) };
        return { check: check(input.action, 'pass', 'done') };
      },
      deadLetters: async (input) => this.note('deadLetters', input, () => [...this.deadLetterList]),
      deadLetterAction: async (input) =>
        this.note('deadLetterAction', input, () => {
          this.deadLetterList = this.deadLetterList.filter((d) => d.txId !== input.txId);
          return [...this.deadLetterList];
        }),
      runReadiness: async (input) =>
        this.note('runReadiness', input, () => {
          const checks = Object.values(REPORTS).flatMap((r) => r.checks.map((c) => ({ ...c, automatic: true, last: null })));
          const manual = [
            { ...check('fingerprint.testCapture', 'manual', 'last pass'), automatic: false, last: { result: 'pass' as const, at: at - 600_000 } },
            { ...check('cardSlot.readTest', 'manual', 'not run'), automatic: false, last: null },
            { ...check('printer.testPage', 'manual', 'last fail'), automatic: false, last: { result: 'fail' as const, at: at - 86_400_000 } },
          ];
          const all = [...checks, ...manual];
          this.latest = { id: 'report-0001', at, overall: readinessOverall(all), wallMs: 412, checks: all, printed: input.print ? true : null, trigger: 'onDemand' };
          return this.latest;
        }),
      lastReadiness: async (input) => this.note('lastReadiness', input, () => this.latest),
    };
  }

  /** As the core does: the reader asked for a finger and held still (a spec's `beforeAction` sees that), then an image or why not. */
  private testCapture(): DiagnosticActionResult {
    const action = 'fingerprint.testCapture';
    if (this.captureEnds === 'image') {
      this.captureProgress({ phase: 'done', guidance: 'captured', quality: 84, result: 'pass' });
      return { check: check(action, 'pass', 'captured, quality 84', { quality: 84 }), image: testImage() };
    }
    const failure = this.captureEnds;
    this.captureProgress({ phase: 'failed', failure });
    return { check: check(action, 'fail', `failed: ${failure}`, {}, failure) };
  }

  /** The next state of the capture under way (one that starts gets the next seq). */
  captureProgress(change: Partial<TestCaptureView>): void {
    if ((change.phase === 'capturing' && change.guidance === 'starting') || !this.current) {
      this.captureSeq += 1;
      this.current = { seq: this.captureSeq, phase: 'capturing', guidance: 'starting', quality: null, result: null, failure: null, startedAt: at };
    }
    this.current = { ...this.current, ...change };
    this.onCaptureProgress(this.current);
  }

  private note<T>(procedure: string, input: unknown, answer: () => T): T {
    this.calls.push({ procedure, input });
    if (this.refuse?.procedure === procedure) throw new KioskError(this.refuse.code, this.refuse.message);
    return answer();
  }
}
