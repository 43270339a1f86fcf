import { z } from 'zod';
import { pushedTechnicianSchema } from './technicians';
import { auditHeadSchema } from './telemetry';
import { rolloutSchema } from './updates';

/** Kiosk ids are minted by the central side at enrolment and carried in the certificate's subject CN. */
export const kioskIdSchema = z.string().regex(/^KIOSK-[0-9A-F]{8}$/).meta({ id: 'KioskId' });

const pem = (label: string) => z.string().min(64).max(16_384).describe(`PEM text (-----BEGIN ${label}-----)`);

export const enrolmentRequestSchema = z
  .object({
    enrolmentCode: z.string().min(4).max(64).describe('The single-use code an operator gave the kiosk (case and dashes ignored).'),
    csrPem: pem('CERTIFICATE REQUEST').describe('PKCS#10 request for the kiosk’s own ECDSA P-256 key; the subject is ignored.'),
  })
  .strict()
  .meta({ id: 'EnrolmentRequest' });

export const renewalRequestSchema = z
  .object({ csrPem: pem('CERTIFICATE REQUEST').describe('PKCS#10 request for a new ECDSA P-256 key (or the same one).') })
  .strict()
  .meta({ id: 'RenewalRequest' });

export const kioskCertificateSchema = z
  .object({
    kioskId: kioskIdSchema,
    certificatePem: z.string().describe('The kiosk’s client certificate; subject CN = kioskId.'),
    caCertPem: z.string().describe('The central CA: trust it for the server’s certificate too.'),
    notAfter: z.iso.datetime().describe('Renew well before this (the kiosk renews at half life).'),
  })
  .meta({ id: 'KioskCertificate' });

const APP_STATES = ['starting', 'unavailable', 'available', 'active'] as const;
const DEVICE_STATUSES = ['online', 'offline', 'hardwareError', 'busy', 'noDevice'] as const;

export const heartbeatSchema = z
  .object({
    appState: z.enum(APP_STATES),
    unavailableReason: z.string().max(200).optional(),
    mode: z.enum(['government', 'atm']).optional(),
    devices: z
      .array(
        z
          .object({
            device: z.string().min(1).max(40).describe('Device class: fingerprint, cardSlot, printer, pinPad, …'),
            status: z.enum(DEVICE_STATUSES),
            detail: z.string().max(200).optional(),
            counters: z
              .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), z.number().int().min(0))
              .refine((counters) => Object.keys(counters).length <= 16, 'at most 16 counters')
              .optional()
              .describe('Life counts for maintenance planning, e.g. printer {"receiptsPrinted": 1204, "paperOutEvents": 3}.'),
          })
          .strict(),
      )
      .max(32),
    versions: z
      .record(z.string().regex(/^[A-Za-z0-9._-]{1,40}$/), z.string().max(64))
      .describe('Component → version, e.g. {"app": "0.1.0", "config": "7"}.'),
    queueDepth: z.number().int().min(0).describe('Outbox events not yet acknowledged.'),
    clock: z.iso.datetime({ offset: true }).describe('The kiosk’s own clock, so the central side can see drift.'),
    auditHead: auditHeadSchema.optional().describe('The audit log’s newest entry: a head behind (or different from) what central has seen means the log was cut or rewritten.'),
  })
  .strict()
  .meta({ id: 'Heartbeat' });
export type Heartbeat = z.infer<typeof heartbeatSchema>;

const commandBase = { id: z.string().regex(/^CMD-[0-9A-F]{12}$/), issuedAt: z.iso.datetime() };
export const commandSchema = z
  .discriminatedUnion('type', [
    z.object({ ...commandBase, type: z.literal('outOfService'), reason: z.string().max(200) }),
    z.object({ ...commandBase, type: z.literal('inService') }),
    z.object({ ...commandBase, type: z.literal('reloadUi') }),
    z.object({ ...commandBase, type: z.literal('refreshConfig') }),
    z.object({ ...commandBase, type: z.literal('uploadLogs'), since: z.iso.datetime().optional() }),
  ])
  .meta({ id: 'KioskCommand', description: 'A remote command; pending until acknowledged, repeated in every heartbeat until then.' });
export type KioskCommand = z.infer<typeof commandSchema>;
export const COMMAND_TYPES = ['outOfService', 'inService', 'reloadUi', 'refreshConfig', 'uploadLogs'] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

export const heartbeatAnswerSchema = z
  .object({
    commands: z.array(commandSchema),
    configVersion: z.string().describe('Fetch GET /v1/kiosks/config when this differs from the kiosk’s.'),
    serverTime: z.iso.datetime(),
  })
  .meta({ id: 'HeartbeatAnswer' });

export const commandIdParamsSchema = z.object({ id: z.string().regex(/^CMD-[0-9A-F]{12}$/) }).strict();
export const commandAckSchema = z
  .object({ outcome: z.enum(['done', 'failed']), detail: z.string().max(500).optional() })
  .strict()
  .meta({ id: 'CommandAck' });
export const commandAckAnswerSchema = z
  .object({ id: z.string(), outcome: z.enum(['done', 'failed']), ackedAt: z.iso.datetime() })
  .meta({ id: 'CommandAckAnswer' });

const localized = z.object({ ar: z.string(), en: z.string() });
export const kioskCentralConfigSchema = z
  .object({
    configVersion: z.string(),
    rules: z.object({
      idNumberLuhnCheck: z.boolean(),
      otpLength: z.union([z.literal(4), z.literal(6)]),
      otpTtlSeconds: z.number().int().positive(),
      otpMaxWrongEntries: z.number().int().positive(),
      otpResendAfterSeconds: z.number().int().min(0),
      otpMaxSendsPerHour: z.number().int().positive(),
      usernameMinLength: z.number().int().positive(),
      usernameMaxLength: z.number().int().positive(),
      passwordMinLength: z.number().int().positive(),
      passwordRequireSymbol: z.boolean(),
      signInMaxFailures: z.number().int().positive(),
      signInLockMinutes: z.number().int().positive(),
      fingerprintMaxFailuresPerSession: z.number().int().positive(),
    }),
    branding: z.object({ portalName: localized, supportNumber: z.string(), supportNumberAbroad: z.string() }),
    session: z.object({
      idleWarningAfterMs: z.number().int().positive(),
      idleCountdownMs: z.number().int().positive(),
      extensionsAllowed: z.number().int().min(0),
      sessionCapMs: z.number().int().positive(),
    }),
    outOfService: z.boolean(),
    updates: rolloutSchema.optional().describe('Which version of the kiosk package each kiosk runs, and when it may install it (absent: no rollout).'),
    technicians: z.array(pushedTechnicianSchema).max(500).optional().describe('Who may enter maintenance mode, with the verifier of PIN and card for the check while central is unreachable (a legacy PIN-only hash is refused).'),
    /** The service catalogue's version (GET /v1/kiosks/catalogue): a new one changes the configuration, so a kiosk fetches it with its configuration. */
    catalogueVersion: z.string().max(64).optional(),
  })
  .meta({ id: 'KioskConfig', description: 'Central overrides layered over the kiosk’s own configuration.' });
export type KioskCentralConfig = z.infer<typeof kioskCentralConfigSchema>;

export const OUTBOX_KINDS = ['audit', 'telemetry', 'technicianAction', 'receipt', 'deviceCounters'] as const;
export const outboxEventSchema = z
  .object({
    txId: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/).describe('The kiosk’s transaction id, unique per kiosk for ever.'),
    kind: z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,63}$/).describe(`One of ${OUTBOX_KINDS.join(', ')}; others are rejected per event (unknown_kind).`),
    occurredAt: z.iso.datetime({ offset: true }),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict()
  .meta({ id: 'OutboxEvent' });
export type OutboxEvent = z.infer<typeof outboxEventSchema>;

/** The most events central takes in one batch. */
export const outboxBatchMaxEvents = 100;

export const outboxBatchSchema = z
  .object({ events: z.array(outboxEventSchema).min(1).max(outboxBatchMaxEvents) })
  .strict()
  .meta({ id: 'OutboxBatch' });

const OUTBOX_REJECTIONS = ['unknown_kind', 'payload_too_large', 'tx_id_reused', 'payload_invalid'] as const;
export const outboxResultSchema = z
  .discriminatedUnion('status', [
    z.object({ txId: z.string(), status: z.literal('accepted') }),
    z.object({ txId: z.string(), status: z.literal('duplicate') }),
    z.object({ txId: z.string(), status: z.literal('rejected'), code: z.enum(OUTBOX_REJECTIONS), detail: z.string() }),
  ])
  .meta({
    id: 'OutboxResult',
    description:
      'accepted: stored now. duplicate: this (kiosk, txId) was stored before with the same content — treat as delivered. rejected: permanent, dead-letter it (tx_id_reused = same txId, different content; payload_invalid = a telemetry payload whose `type` is known but whose fields do not match its schema).',
  });
export const outboxAnswerSchema = z.object({ results: z.array(outboxResultSchema) }).meta({ id: 'OutboxAnswer' });
