import { z } from 'zod';
import { updateStepSchema } from './updates';
import { DIAGNOSTIC_ACTIONS } from '../diagnosticActions';

/**
 * Fleet telemetry: the payloads of `telemetry` outbox events, one per fact
 * the kiosk reports (ARCHITECTURE.md, "Maintenance mode and fleet telemetry").
 * None carries a person's data: no ID, name, mobile or username. A repeat
 * visit is told apart only by `visitor`, a keyed hash of the ID under a key
 * that never leaves the kiosk (so it means nothing at central or on another
 * kiosk).
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The audit-log entry written in the same transaction as the fact (its sequence number and chain hash). */
export const auditLinkSchema = z
  .object({ seq: z.number().int().min(1), hash: hex64 })
  .strict()
  .meta({ id: 'AuditLink', description: 'The kiosk audit-log entry written in the same transaction as this fact.' });
export type AuditLink = z.infer<typeof auditLinkSchema>;

/** The newest link of the kiosk's hash-chained audit log (seq 0 and 64 zeros when it is empty). */
export const auditHeadSchema = z
  .object({ seq: z.number().int().min(0), hash: hex64 })
  .strict()
  .meta({ id: 'AuditHead', description: 'The newest entry of the kiosk’s hash-chained audit log: central notices a truncated or rewritten log.' });
export type AuditHead = z.infer<typeof auditHeadSchema>;

/**
 * A fact's schema: its `type`, its own fields, and the audit-log entry
 * written with it (last); strict, and named `id` in openapi.json.
 */
function factSchema<const T extends string, S extends z.ZodRawShape>(type: T, id: string, fields: S) {
  return z.object({ type: z.literal(type), ...fields, audit: auditLinkSchema }).strict().meta({ id });
}

const SESSION_END_REASONS = ['timeout', 'cancel', 'completed', 'cap', 'referToStaff'] as const;
/** completed: a journey reached a result without an error; unsuccessful: it reached a result with one (no account, locked…); abandoned: left mid-journey, or cancelled; noService: no journey was started. */
const SESSION_RESULTS = ['completed', 'unsuccessful', 'abandoned', 'noService'] as const;
const ACCESSIBILITY_MODES = ['highContrast', 'largeText', 'speech'] as const;
const language = z.enum(['ar', 'en']);
const stepName = z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,119}$/);
const deviceName = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/);

export const sessionEndedSchema = factSchema('session.ended', 'TelemetrySessionEnded', {
  mode: z.enum(['government', 'atm']),
  service: z.string().regex(/^[A-Za-z]{1,40}$/).nullable().describe('The last journey of the session (null: none was started).'),
  result: z.enum(SESSION_RESULTS),
  endReason: z.enum(SESSION_END_REASONS),
  step: stepName.nullable().describe('Where the last journey was when the session ended: its result, or where it was abandoned.'),
  errorCode: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).nullable().describe('The journey’s error at that step, if any.'),
  durationMs: z.number().int().min(0),
  language: language.describe('The language at the end of the session.'),
  languagesUsed: z.array(language).min(1).max(2),
  accessibility: z.array(z.enum(ACCESSIBILITY_MODES)).max(3).describe('Every accessibility mode switched on at some point in the session.'),
  journeys: z.number().int().min(0).describe('Journeys started in the session (hand-overs included).'),
  visitor: z.string().regex(/^[0-9a-f]{32}$/).nullable().describe('HMAC-SHA256 of the ID under a key that never leaves this kiosk (128 bits): counts repeat visits here, identifies nobody.'),
});

const CARD_RETAIN_REASONS = ['notTaken', 'leftBehind', 'pinTriesExhausted', 'technicianTest'] as const;
const cardRetainedSchema = factSchema('card.retained', 'TelemetryCardRetained', {
  device: deviceName.describe('cardSlot (ID card slot) or atmCardReader.'),
  reason: z.enum(CARD_RETAIN_REASONS),
  binCount: z.number().int().min(0).describe('Cards in the retain bin after this one (since it was last emptied).'),
});

const fingerprintMatchFailedSchema = factSchema('fingerprint.matchFailed', 'TelemetryFingerprintMatchFailed', {
  quality: z.number().int().min(0).max(100).describe('The capture’s quality score (never the template or image).'),
  failuresThisSession: z.number().int().min(1),
  attemptsRemaining: z.number().int().min(0).nullable(),
  exhausted: z.boolean().describe('Central refused further attempts in this session: the person was referred to staff.'),
});

const FAULT_STATUSES = ['offline', 'hardwareError', 'noDevice'] as const;
const deviceFaultSchema = factSchema('device.fault', 'TelemetryDeviceFault', {
  device: deviceName,
  status: z.enum(FAULT_STATUSES),
});

const deviceRecoveredSchema = factSchema('device.recovered', 'TelemetryDeviceRecovered', {
  device: deviceName,
  faultStatus: z.enum(FAULT_STATUSES),
  downMs: z.number().int().min(0),
});

const logsUploadedSchema = factSchema('logs.uploaded', 'TelemetryLogsUploaded', {
  uploadId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  bytes: z.number().int().min(0),
  parts: z.number().int().min(1),
});

/** A step of a software update (common/wire/updates.ts): offered, deferred, installing, installed, healthy, rolled back, refused. */
const updateReportedSchema = factSchema('update.step', 'TelemetryUpdateStep', updateStepSchema.shape);

// Maintenance diagnostics (issue 13): what a technician tested or changed, and the readiness report.

const CHECK_RESULTS = ['pass', 'warn', 'fail', 'manual'] as const;
const checkName = z.string().regex(/^[a-z][A-Za-z]{0,30}\.[a-z][A-Za-z]{0,40}$/);
const checkCode = z.string().regex(/^[A-Za-z]{1,40}$/);
export { DIAGNOSTIC_ACTIONS };

const diagnosticsActionSchema = factSchema('diagnostics.action', 'TelemetryDiagnosticsAction', {
  action: z.enum(DIAGNOSTIC_ACTIONS),
  result: z.enum(['pass', 'warn', 'fail']),
  code: checkCode.nullable(),
  quality: z.number().int().min(0).max(100).nullable().describe('A test capture’s quality score (never its image or template).'),
  count: z.number().int().min(0).nullable().describe('binEmptied: cards the bin held before it was emptied.'),
  deadLetter: z.object({ kind: z.string().max(40), code: z.string().max(80) }).strict().nullable().describe('The dead letter retried or discarded (never its payload).'),
});

export const readinessReportSchema = factSchema('readiness.report', 'TelemetryReadinessReport', {
  reportId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  overall: z.enum(['pass', 'warn', 'fail']),
  trigger: z.enum(['onDemand', 'schedule', 'cli']),
  wallMs: z.number().int().min(0),
  printed: z.boolean().nullable(),
  checks: z
    .array(
      z
        .object({
          name: checkName,
          result: z.enum(CHECK_RESULTS),
          automatic: z.boolean(),
          code: checkCode.nullable(),
          detail: z.string().max(200),
          lastAt: z.iso.datetime().nullable().describe('A manual check: when its last result was taken.'),
        })
        .strict(),
    )
    .max(60),
});
// Maintenance mode: every technician PIN attempt, and every technician action (signing in and out included).
const technicianId = z.string().regex(/^[1-9][0-9]{0,8}$/);
const MAINTENANCE_PIN_OUTCOMES = ['verified', 'wrong', 'lockedOut', 'refusedWhileLocked', 'cannotCheck', 'throttled'] as const;
const maintenancePinSchema = factSchema('maintenance.pin', 'TelemetryMaintenancePin', {
  technicianId,
  entry: z.enum(['card', 'gesture', 'cli']).describe('Where the PIN was typed: the overlay after a technician card or the service gesture, or the devices CLI (its store commands).'),
  outcome: z.enum(MAINTENANCE_PIN_OUTCOMES).describe('lockedOut: this wrong PIN started a lockout; refusedWhileLocked: not checked, entry is locked; cannotCheck: central unreachable and nothing to check the PIN with offline (no technician card in the slot or none with a readable secret, no verifier pushed, or a refused PIN-only list); throttled: central asked to wait (rate limit), lockedForMs says how long, nothing was checked.'),
  checkedBy: z.enum(['central', 'offline', 'none']),
  attemptsLeft: z.number().int().min(0).nullable(),
  lockedForMs: z.number().int().min(0).nullable(),
});

const MAINTENANCE_ACTIONS = ['signedIn', 'signedOut', 'outOfService', 'inService', 'reloadUi', 'restartCore', 'refreshConfig', 'exportLogs'] as const;
const maintenanceActionSchema = factSchema('maintenance.action', 'TelemetryMaintenanceAction', {
  technicianId,
  action: z.enum(MAINTENANCE_ACTIONS),
  result: z.enum(['done', 'failed']),
  detail: z.string().max(200).nullable().describe('signedIn: central or offline; signedOut: left, idle or cap; failed: why.'),
});

export const telemetryPayloadSchema = z
  .discriminatedUnion('type', [
    sessionEndedSchema,
    cardRetainedSchema,
    fingerprintMatchFailedSchema,
    deviceFaultSchema,
    deviceRecoveredSchema,
    logsUploadedSchema,
    diagnosticsActionSchema,
    readinessReportSchema,
    updateReportedSchema,
    maintenancePinSchema,
    maintenanceActionSchema,
  ])
  .meta({ id: 'TelemetryPayload', description: 'The payload of a `telemetry` outbox event.' });
export type TelemetryPayload = z.infer<typeof telemetryPayloadSchema>;
type TelemetryType = TelemetryPayload['type'];
export const TELEMETRY_TYPES: readonly TelemetryType[] = telemetryPayloadSchema.options.map((o) => o.shape.type.value);

/** A telemetry fact before its audit link is known (the recorder adds it in the transaction). */
export type TelemetryFact = TelemetryPayload extends infer P ? (P extends { audit: AuditLink } ? Omit<P, 'audit'> : never) : never;

// Log upload (the `uploadLogs` command): the kiosk's bounded log ring, in parts that each fit the 64 KiB body limit.

export const LOG_PART_MAX_CHARS = 48_000;
export const logUploadPartSchema = z
  .object({
    uploadId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).describe('One id per upload; parts of the same upload share it.'),
    part: z.number().int().min(0).max(999),
    last: z.boolean().describe('This part completes the upload.'),
    text: z.string().max(LOG_PART_MAX_CHARS).describe('JSON lines (pino) from the kiosk’s log ring, oldest first; PII-free by construction.'),
  })
  .strict()
  .meta({ id: 'LogUploadPart' });
export type LogUploadPart = z.infer<typeof logUploadPartSchema>;

export const logUploadAnswerSchema = z
  .object({ uploadId: z.string(), part: z.number().int(), stored: z.literal(true) })
  .meta({ id: 'LogUploadAnswer' });

// The fleet view (central's operators): per kiosk what it reports, in one document.

const fleetKioskSchema = z
  .object({
    kioskId: z.string(),
    appState: z.string().nullable(),
    unavailableReason: z.string().nullable(),
    mode: z.string().nullable(),
    devices: z.array(z.object({ device: z.string(), status: z.string() })),
    lastHeartbeatAt: z.iso.datetime().nullable(),
    queueDepth: z.number().int().nullable(),
    retainBin: z.object({ count: z.number().int().min(0), lastRetainedAt: z.iso.datetime().nullable() }),
    sessionsToday: z.array(z.object({ service: z.string().nullable(), result: z.enum(SESSION_RESULTS), count: z.number().int().min(1) })),
    openFaults: z.array(z.object({ device: z.string(), status: z.string(), since: z.iso.datetime() })),
    audit: z.object({
      head: auditHeadSchema.nullable().describe('The head the last heartbeat reported.'),
      ingestedSeq: z.number().int().min(0).describe('The highest audit sequence number central has from this kiosk’s events.'),
      problem: z.enum(['truncated', 'rewritten']).nullable().describe('Set (and kept) when a heartbeat’s head contradicted what central had.'),
      problemAt: z.iso.datetime().nullable(),
    }),
    lastLogUpload: z.object({ uploadId: z.string(), at: z.iso.datetime(), bytes: z.number().int() }).nullable(),
    readiness: z
      .object({
        reportId: z.string(),
        at: z.iso.datetime(),
        overall: z.enum(['pass', 'warn', 'fail']),
        failed: z.array(z.string()).describe('Automatic checks that failed.'),
        warned: z.array(z.string()).describe('Automatic checks that warned.'),
      })
      .nullable()
      .describe('The newest readiness report the kiosk sent.'),
  })
  .meta({ id: 'FleetKiosk' });
export const fleetViewSchema = z
  .object({ generatedAt: z.iso.datetime(), day: z.string().describe('The UTC day “today” means (YYYY-MM-DD).'), kiosks: z.array(fleetKioskSchema) })
  .meta({ id: 'FleetView' });
export type FleetView = z.infer<typeof fleetViewSchema>;

export const kioskLogSchema = z
  .object({ kioskId: z.string(), uploadId: z.string(), complete: z.boolean(), receivedAt: z.iso.datetime(), text: z.string() })
  .meta({ id: 'KioskLog' });
