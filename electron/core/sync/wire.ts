import { z } from 'zod';
import type { components } from './centralApi';

/**
 * The kiosk's own zod schemas for what central answers: every response body
 * is parsed with one of these before use. They are written here rather than
 * imported from central/ because a production kiosk talks to a remote central
 * whose only shared artefact is the OpenAPI document; the compile-time checks
 * at the bottom tie each schema to the types generated from that document.
 */
type Schemas = components['schemas'];

export const problemBody = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  // Any string: a central newer than this kiosk may add codes; callers branch on the ones they know.
  code: z.string(),
  retryAfterSeconds: z.number().int().optional(),
  lockedUntil: z.string().optional(),
  /** Seconds the lock still lasts when central answered: the kiosk counts down from this, never from lockedUntil against its own wall clock. */
  lockedForSeconds: z.number().int().optional(),
  attemptsRemaining: z.number().int().optional(),
  violations: z.array(z.string()).optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ProblemBody = z.infer<typeof problemBody>;

export const kioskCertificate = z.object({
  kioskId: z.string().regex(/^[A-Za-z0-9-]{3,64}$/),
  certificatePem: z.string().includes('-----BEGIN CERTIFICATE-----'),
  caCertPem: z.string().includes('-----BEGIN CERTIFICATE-----'),
  notAfter: z.iso.datetime({ offset: true }),
});

const commandBase = { id: z.string().min(1).max(64), issuedAt: z.iso.datetime({ offset: true }) };
export const kioskCommand = z.discriminatedUnion('type', [
  z.object({ ...commandBase, type: z.literal('outOfService'), reason: z.string() }),
  z.object({ ...commandBase, type: z.literal('inService') }),
  z.object({ ...commandBase, type: z.literal('reloadUi') }),
  z.object({ ...commandBase, type: z.literal('refreshConfig') }),
  z.object({ ...commandBase, type: z.literal('uploadLogs'), since: z.iso.datetime({ offset: true }).optional() }),
]);
export type KioskCommand = z.infer<typeof kioskCommand>;

/**
 * Commands this kiosk does not know (a newer central) are kept as an id and a
 * type, so they can be acknowledged as failed instead of poisoning the heartbeat.
 */
export const heartbeatAnswer = z.object({
  commands: z.array(z.union([kioskCommand, z.object({ id: z.string().min(1).max(64), type: z.string() })])),
  configVersion: z.string(),
  serverTime: z.iso.datetime({ offset: true }),
});

export const commandAckAnswer = z.object({ id: z.string(), outcome: z.enum(['done', 'failed']), ackedAt: z.string() });

export const outboxResult = z.discriminatedUnion('status', [
  z.object({ txId: z.string(), status: z.literal('accepted') }),
  z.object({ txId: z.string(), status: z.literal('duplicate') }),
  z.object({ txId: z.string(), status: z.literal('rejected'), code: z.string(), detail: z.string() }),
]);
export const outboxAnswer = z.object({ results: z.array(outboxResult) });

/** Central's overrides; the merged result is validated again with the kiosk's own config schema. */
export const centralConfig = z.looseObject({
  configVersion: z.string().min(1),
  rules: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])),
  branding: z.looseObject({}),
  session: z.looseObject({}),
  outOfService: z.boolean(),
});
export type CentralConfig = z.infer<typeof centralConfig>;

export type HeartbeatBody = Schemas['HeartbeatInput'];
export type OutboxEventBody = Schemas['OutboxEventInput'];

// Compile-time drift checks: what central documents must satisfy what the kiosk parses.
type Assignable<From, To> = [From] extends [To] ? true : false;
const drift: [
  Assignable<Schemas['KioskCertificate'], z.input<typeof kioskCertificate>>,
  Assignable<Schemas['HeartbeatAnswer']['configVersion'], string>,
  Assignable<Schemas['OutboxAnswer'], z.input<typeof outboxAnswer>>,
  Assignable<Schemas['CommandAckAnswer'], z.input<typeof commandAckAnswer>>,
  Assignable<Schemas['Problem'], z.input<typeof problemBody>>,
  Assignable<Schemas['KioskCommand'], z.input<typeof kioskCommand>>,
] = [true, true, true, true, true, true];
void drift;
