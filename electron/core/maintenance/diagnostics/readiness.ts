import { z } from 'zod';
import type { DiagnosticAction, DiagnosticsReport, ReadinessCheck, ReadinessReport } from '../../../contract';
import { readinessOverall } from '../../../contract';
import type { Tx, TxWork } from '../../store/statements';
import { outcome } from './outcome';

/** The tests a person must do, per device: listed in the report with their last result. */
const MANUAL_CHECKS: Readonly<Partial<Record<DiagnosticsReport['target'], readonly DiagnosticAction[]>>> = {
  fingerprint: ['fingerprint.testCapture', 'fingerprint.ledTest'],
  cardSlot: ['cardSlot.readTest', 'cardSlot.eject', 'cardSlot.retainTest'],
  printer: ['printer.testPage'],
};

type LastResults = ReadonlyMap<string, { result: 'pass' | 'warn' | 'fail'; at: number }>;

const actionRow = z.object({ at: z.number().int(), detail: z.string() });
const actionDetail = z.object({ action: z.string(), result: z.enum(['pass', 'warn', 'fail']) });

/** Each manual test's newest result and when, from the audit log (so it survives a restart). */
export function* lastManualResults(tx: Tx): TxWork<Map<string, { result: 'pass' | 'warn' | 'fail'; at: number }>> {
  const rows = yield* tx.all(actionRow, "SELECT at, detail FROM audit_log WHERE action = 'telemetry.diagnostics.action' ORDER BY seq DESC LIMIT 500");
  const last = new Map<string, { result: 'pass' | 'warn' | 'fail'; at: number }>();
  for (const row of rows) {
    const parsed = actionDetail.safeParse(JSON.parse(row.detail));
    if (parsed.success && !last.has(parsed.data.action)) last.set(parsed.data.action, { result: parsed.data.result, at: row.at });
  }
  return last;
}

/**
 * Every automatic check of every target the kiosk has, and the manual tests
 * of those targets with their last result. A target that threw is one
 * failed check, never a report that does not come.
 */
export function buildReadiness(
  reports: readonly (DiagnosticsReport | { target: DiagnosticsReport['target']; error: string })[],
  last: LastResults,
  meta: { id: string; at: number; wallMs: number; trigger: ReadinessReport['trigger'] },
): ReadinessReport {
  const checks: ReadinessCheck[] = [];
  for (const report of reports) {
    if ('error' in report) {
      checks.push({ ...outcome(`${report.target}.check`, 'fail', `the check itself failed: ${report.error}`, meta.at, { code: 'checkFailed' }), automatic: true, last: null });
      continue;
    }
    if (!report.present) continue;
    for (const check of report.checks) checks.push({ ...check, automatic: true, last: null });
    for (const action of MANUAL_CHECKS[report.target] ?? []) {
      const previous = last.get(action) ?? null;
      const detail = previous ? `last ${previous.result} at ${new Date(previous.at).toISOString()}` : 'needs a technician; not run yet';
      checks.push({ ...outcome(action, 'manual', detail, meta.at), automatic: false, last: previous });
    }
  }
  return { id: meta.id, at: meta.at, overall: readinessOverall(checks), wallMs: meta.wallMs, checks, printed: null, trigger: meta.trigger };
}
