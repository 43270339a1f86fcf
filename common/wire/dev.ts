import { z } from 'zod';
import { catalogueEntrySchema } from './catalogue';
import { COMMAND_TYPES, kioskIdSchema } from './kiosk';

/** Demo and test helpers. Registered under the demo profile only: production answers 404 not_found. */

export const smsQuerySchema = z
  .object({
    mobile: z.string().max(24).optional().describe('Any accepted mobile spelling; omitted = every recipient.'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const smsMessageSchema = z
  .object({
    id: z.number().int(),
    to: z.string().describe('E.164'),
    purpose: z.string(),
    text: z.string(),
    code: z.string().nullable().describe('The one-time code in the text, when there is one (for tests and the dev dock).'),
    sentAt: z.iso.datetime(),
  })
  .meta({ id: 'SmsMessage' });
export const smsListSchema = z.object({ messages: z.array(smsMessageSchema) }).meta({ id: 'SmsList' });

/** rateLimited: central's rate limit answers (429 `rate_limited`, Retry-After 90 s), as a busy central does. */
export const FAULT_MODES = ['none', 'down', 'slow', 'flaky5xx', 'dropAfterCommit', 'rateLimited'] as const;
export const faultSettingSchema = z
  .object({
    mode: z.enum(FAULT_MODES),
    rate: z.number().min(0).max(1).optional().describe('Share of /v1 requests affected (flaky5xx, dropAfterCommit, down, rateLimited); default 1.'),
    delayMs: z.number().int().min(0).max(60_000).optional().describe('Added before each /v1 request is handled (slow); default 2000.'),
  })
  .strict()
  .meta({ id: 'FaultSetting' });
export type FaultSetting = z.infer<typeof faultSettingSchema>;

export const faultStateSchema = z
  .object({
    setting: faultSettingSchema,
    held: z.array(z.string()).describe('Route patterns of the /v1 requests `slow` is holding now, oldest first (a new setting lets them all go).'),
  })
  .strict()
  .meta({ id: 'FaultState' });

export const enrolmentCodeSchema = z
  .object({ enrolmentCode: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'EnrolmentCode' });

export const devCommandSchema = z
  .object({ type: z.enum(COMMAND_TYPES), reason: z.string().max(200).optional() })
  .strict()
  .meta({ id: 'DevCommand' });
export const devKioskParamsSchema = z.object({ kioskId: kioskIdSchema }).strict();

const devKioskSchema = z
  .object({
    kioskId: z.string(),
    enrolledAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime().nullable(),
    appState: z.string().nullable(),
    queueDepth: z.number().int().nullable(),
    clockSkewMs: z.number().int().nullable(),
  })
  .meta({ id: 'DevKiosk' });
export const devKioskListSchema = z.object({ kiosks: z.array(devKioskSchema) }).meta({ id: 'DevKioskList' });

export const bankActivationsRunSchema = z.object({ activated: z.number().int() }).meta({ id: 'BankActivationsRun' });

/** One move of central's domain clock is at most a day; moves add up. */
export const MAX_CLOCK_ADVANCE_MS = 86_400_000;
export const clockAdvanceSchema = z
  .object({
    advanceMs: z
      .number()
      .int()
      .positive()
      .max(MAX_CLOCK_ADVANCE_MS)
      .describe('How far to move central’s domain clock forward, ms (at most one day per call; it never goes back).'),
  })
  .strict()
  .meta({ id: 'ClockAdvance' });
export const devClockSchema = z
  .object({
    now: z.iso.datetime().describe('Central’s domain time: real time plus the offset. OTP expiry, locks, tokens and sessions are timed on it; certificates are not.'),
    offsetMs: z.number().int().min(0).describe('How far the clock has been moved forward since central started, ms.'),
  })
  .meta({ id: 'DevClock' });

/** A catalogue entry and what it answers for whom (demo only; `records` only for an inquiry central serves from its records). */
export const catalogueEntryFixtureSchema = z
  .object({
    entry: catalogueEntrySchema,
    records: z.array(z.object({ idNumber: z.string().regex(/^[12][0-9]{9}$/), body: z.record(z.string(), z.unknown()) }).strict()).max(100).default([]),
  })
  .strict();
export const catalogueVersionSchema = z.object({ catalogueVersion: z.string() }).strict();
