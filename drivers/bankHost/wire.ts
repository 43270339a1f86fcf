import { z } from 'zod';
import { compactJwsSchema } from '../../common/wire/bankAttestation';

/**
 * The simulated bank host's HTTP API, as zod schemas for both ends: the host
 * validates requests with them and the kiosk's bank client its answers.
 * Every refusal of a request is an RFC 9457 problem; a decision about a card
 * (even a refusal) is a 200 with an `outcome`.
 */

const PIN_BLOCK_FORMATS = ['iso0', 'iso4'] as const;
const pan = z.string().regex(/^[0-9]{12,19}$/, 'a PAN is 12 to 19 digits');

export const authoriseRequestSchema = z
  .object({
    pan,
    /** YYMM, as on track 2 (and in ISO 8583 field 14). */
    expiry: z.string().regex(/^[0-9]{2}(0[1-9]|1[0-2])$/, 'expiry is YYMM'),
    /** The EPP's enciphered block, hex: 16 digits for iso0, 32 for iso4. */
    pinBlock: z.string().regex(/^[0-9A-Fa-f]+$/, 'the PIN block is hex'),
    format: z.enum(PIN_BLOCK_FORMATS),
  })
  .strict()
  .refine((request) => request.pinBlock.length === (request.format === 'iso0' ? 16 : 32), {
    path: ['pinBlock'],
    message: 'an iso0 block is 16 hex digits, an iso4 block 32',
  });
export type AuthoriseRequest = z.infer<typeof authoriseRequestSchema>;

export const authoriseAnswerSchema = z.discriminatedUnion('outcome', [
  /** The PIN is right and the bank holds an ID for the holder: the attestation vouches for it, for central as it is (common/wire/bankAttestation.ts). */
  z.object({ outcome: z.literal('approved'), attestation: compactJwsSchema }).strict(),
  z.object({ outcome: z.literal('wrongPin'), triesLeft: z.number().int().min(1) }).strict(),
  /** The PIN tries are used up: the ATM keeps the card. */
  z.object({ outcome: z.literal('retainCard') }).strict(),
  /** The bank does not know this card, or holds no ID number for its holder. */
  z.object({ outcome: z.literal('cardNotLinked') }).strict(),
  z.object({ outcome: z.literal('cardExpired') }).strict(),
]);
export type AuthoriseAnswer = z.infer<typeof authoriseAnswerSchema>;

export const BANK_PROBLEMS = {
  'invalid-body': [400, 'The request body is not valid'],
  'body-too-large': [413, 'The body is larger than the limit'],
  'unsupported-media-type': [415, 'Send application/json'],
  /** The block deciphers to no PIN field under the shared key: a key or PAN mismatch, or a damaged block. No try is counted. */
  'pin-block-unreadable': [422, 'The PIN block does not decipher under the shared key'],
  'unknown-card': [404, 'The bank has no such card'],
  'not-found': [404, 'No such route'],
  'bank-host-unavailable': [503, 'The bank host is unavailable'],
  /** The PIN was right, but the host holds no signing key for the card's bank: a configuration error (RunningBankHost.trustedBanks lists the banks it signs for). */
  'no-signing-key': [500, 'The bank host cannot sign for this card’s bank'],
  'internal-error': [500, 'Something went wrong at the bank host'],
} as const satisfies Record<string, readonly [number, string]>;
export type BankProblemSlug = keyof typeof BANK_PROBLEMS;

export const bankProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

// Control (the lab and the dev dock; a simulator's API, not a bank's).

/** up; drop = every connection to /v1 is cut before an answer; unavailable = 503. */
export const bankAvailabilitySchema = z.enum(['up', 'drop', 'unavailable']);
export type BankAvailability = z.infer<typeof bankAvailabilitySchema>;
export const availabilityRequestSchema = z.object({ availability: bankAvailabilitySchema }).strict();
export const resetTriesRequestSchema = z.object({ pan }).strict();

/** What the dev dock shows of a decision: no PIN, no full PAN, no ID number. */
export const bankDecisionSchema = z
  .object({
    at: z.iso.datetime(),
    panLast4: z.string().regex(/^[0-9]{4}$/),
    format: z.enum(PIN_BLOCK_FORMATS),
    outcome: z.enum(['approved', 'wrongPin', 'retainCard', 'cardNotLinked', 'cardExpired', 'pinBlockUnreadable', 'noSigningKey']),
    triesLeft: z.number().int().min(1).optional(),
    /** The attestation's jti, to find it again at central. */
    attestationId: z.string().optional(),
  })
  .strict();
export type BankDecision = z.infer<typeof bankDecisionSchema>;
