import { TECHNICIAN_TESTS } from '../../common/diagnosticActions';
import { KioskError } from './errors';
import type { NoInput } from './noInput';

/**
 * Maintenance diagnostics and the hardware readiness report (issue 13, items
 * 2 and 3): what a technician's screen may ask of the core. The core serves
 * these only while maintenance is on; otherwise each answers `not_allowed`
 * and does nothing. Nothing here carries a person's data: a card read in a
 * test shows masked values only, a test capture's image is the screen's alone.
 */

/** pass (green), warn (amber), fail (red), manual (needs a person: its last result is shown beside it). */
export const checkResults = ['pass', 'warn', 'fail', 'manual'] as const;
export type CheckResult = (typeof checkResults)[number];

/** A fact shown beside a check; the renderer labels it by key in the technician's language. */
export type CheckFactValue = string | number | boolean | null;

export interface CheckOutcome {
  /** Stable name, `<target>.<check>` (e.g. `fingerprint.module`); the renderer's label key. */
  name: string;
  result: CheckResult;
  /** One line in English for the CLI and logs (never personal data). */
  detail: string;
  /** Why, as a code the renderer words in the technician's language (e.g. `unplugged`, `paperOut`); null when all is well. */
  code: string | null;
  facts: Record<string, CheckFactValue>;
  /** Core clock, ms. */
  at: number;
}

export const diagnosticTargets = ['fingerprint', 'cardSlot', 'magstripe', 'printer', 'atm', 'network', 'system'] as const;
export type DiagnosticTarget = (typeof diagnosticTargets)[number];

/** One device's (or the network's, or the system's) checks, as the diagnostics screen shows them. */
export interface DiagnosticsReport {
  target: DiagnosticTarget;
  /** False when the kiosk has no such device (not configured, or not in this mode). */
  present: boolean;
  checks: CheckOutcome[];
}

/** The tests that need a technician (a finger, a card, an eye on the LED or the paper). */
export const diagnosticActions = TECHNICIAN_TESTS;
export type DiagnosticAction = (typeof diagnosticActions)[number];

/**
 * A test capture's image as the module sends it: 16 grey levels, two pixels a
 * byte (high nibble first), rows top to bottom, 0 black; base64. (4 bits keep
 * a 256×288 image inside one RPC message.) Shown on screen only; never stored or sent.
 */
export interface DiagnosticImage {
  width: number;
  height: number;
  grey4Base64: string;
}

export interface DiagnosticActionResult {
  check: CheckOutcome;
  image?: DiagnosticImage;
}

/** An outbox event central refused for good: what kind, why; never its payload. */
export interface DeadLetterView {
  txId: string;
  kind: string;
  code: string;
  detail: string | null;
  attempts: number;
  createdAt: number;
  failedAt: number;
}

export type ReadinessOverall = 'pass' | 'warn' | 'fail';

export interface ReadinessCheck extends CheckOutcome {
  /** Run by the report (true), or listed with its last result (false: needs a person). */
  automatic: boolean;
  /** For a manual check: its last result and when (null: never run since the kiosk started). */
  last: { result: Exclude<CheckResult, 'manual'>; at: number } | null;
}

export interface ReadinessReport {
  id: string;
  at: number;
  /** fail if any automatic check failed, warn if any warned, else pass. */
  overall: ReadinessOverall;
  wallMs: number;
  checks: ReadinessCheck[];
  /** Printed on the receipt printer: true, false (it could not), null (no printer, or not asked). */
  printed: boolean | null;
  trigger: 'onDemand' | 'schedule' | 'cli';
}

export interface DiagnosticsProcedureInputs {
  /** Runs one target's automatic checks. */
  diagnose: { target: DiagnosticTarget };
  /** Runs one test that needs the technician. */
  /** `language`: a printed test page's (the technician's; Arabic by default). */
  diagnosticAction: { action: DiagnosticAction; language?: 'ar' | 'en' };
  /** Dead letters, oldest first (at most 50). */
  deadLetters: NoInput;
  /** Puts one dead letter back in the outbox, or drops it; audited either way. */
  deadLetterAction: { txId: string; action: 'retry' | 'discard' };
  /** Runs the readiness report now (saved, sent to central; printed when `print` and a printer exists). */
  runReadiness: { print?: boolean; language?: 'ar' | 'en' };
  /** The newest saved report (null when none yet). */
  lastReadiness: NoInput;
}

export interface DiagnosticsProcedureOutputs {
  diagnose: DiagnosticsReport;
  diagnosticAction: DiagnosticActionResult;
  deadLetters: DeadLetterView[];
  deadLetterAction: DeadLetterView[];
  runReadiness: ReadinessReport;
  lastReadiness: ReadinessReport | null;
}

export type DiagnosticsApi = {
  [P in keyof DiagnosticsProcedureInputs]: (input: DiagnosticsProcedureInputs[P]) => Promise<DiagnosticsProcedureOutputs[P]>;
};

const everyDiagnosticsProcedure: Record<keyof DiagnosticsProcedureInputs, true> = {
  diagnose: true,
  diagnosticAction: true,
  deadLetters: true,
  deadLetterAction: true,
  runReadiness: true,
  lastReadiness: true,
};
export const diagnosticsProcedureNames = Object.keys(everyDiagnosticsProcedure) as (keyof DiagnosticsProcedureInputs)[];

/** fail if any automatic check failed, warn if any warned, else pass: the report's colour. */
export function readinessOverall(checks: readonly Pick<ReadinessCheck, 'automatic' | 'result'>[]): ReadinessOverall {
  const auto = checks.filter((c) => c.automatic);
  if (auto.some((c) => c.result === 'fail')) return 'fail';
  if (auto.some((c) => c.result === 'warn')) return 'warn';
  return 'pass';
}

/** For fakes and stand-ins: every diagnostics procedure refused (as the core does outside maintenance), nothing done. */
export function refusedDiagnosticsApi(): DiagnosticsApi {
  const refuse = async (): Promise<never> => {
    throw new KioskError('not_allowed', 'diagnostics are for a technician in maintenance mode');
  };
  return Object.fromEntries(diagnosticsProcedureNames.map((name) => [name, refuse])) as unknown as DiagnosticsApi;
}
