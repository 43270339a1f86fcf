import { z } from 'zod';
import { DEMO_RATE_LIMITS, PRODUCTION_RATE_LIMITS, type RateLimits } from './http/rateLimit';
import { DEFAULT_RULES, type RulesConfig } from '../common/rules';
import { DEMO_BANK_PUBLIC_JWK, DEMO_TRUSTED_BANKS } from '../common/demo/bank';
import { DEMO_TECHNICIAN_PIN_KEY_HEX } from '../common/demo/technicianPinKey';
import { type TrustedBank, trustedBankSchema } from '../common/wire/bankAttestation';
import { parseDatabaseLocation } from './store/database';

/** How a central server is started: CLI flags, tests and the kiosk demo all come through here. */
export const centralOptionsSchema = z
  .object({
    dataDir: z.string().min(1),
    /** Where central's store is: `sqlite:<path>` or `postgres://…` (store/database.ts); unset, `<dataDir>/central.sqlite`. */
    database: z
      .string()
      .min(1)
      .refine((spec) => {
        try {
          parseDatabaseLocation(spec);
          return true;
        } catch {
          return false;
        }
      }, 'expected sqlite:<path> or postgres://…')
      .optional(),
    /** 0 = any free port (tests). */
    port: z.number().int().min(0).max(65_535).default(0),
    /** Embedded (kiosk demo, tests) default to demo; the command line (main.ts) defaults to production. */
    profile: z.enum(['demo', 'production']).default('demo'),
    /** Body limit for every route, bytes. */
    bodyLimit: z.number().int().min(1024).max(10_000_000).default(65_536),
    clientCertificateDays: z.number().positive().max(365).default(7),
    serverCertificateDays: z.number().positive().max(825).default(30),
    enrolmentCodeHours: z.number().positive().max(24 * 30).default(24),
    verificationTokenSeconds: z.number().int().positive().default(120),
    citizenSessionSeconds: z.number().int().positive().default(600),
    /** Minimum capture quality the matcher accepts (0–100). */
    captureQualityThreshold: z.number().int().min(0).max(100).default(40),
    /** Match score at or above which a capture is the claimed person's finger. */
    matchThreshold: z.number().min(0).max(100).default(30),
    /** How long a bank-attested activation stays pending_bank before the central side completes it. */
    bankActivationDelayMs: z.number().int().min(0).default(15_000),
    /** The SMS that completes a bank activation carries a temporary password (RULES.md: "may carry"). */
    bankActivationTemporaryPassword: z.boolean().default(true),
    /** scrypt N for new password hashes; tests lower it, stored hashes keep their own. */
    scryptCost: z.number().int().min(1024).default(16_384),
    /** Demo registry; unset, the lab's own (drivers/lab/population.ts), so the registry holds the people whose cards and fingers the lab presents. */
    populationSeed: z.number().int().optional(),
    populationSize: z.number().int().min(10).max(2000).optional(),
    /** Demo registry: where the population's hashes and templates are kept between starts (store/seedMaterial.ts); unset, computed each start. */
    seedCacheDir: z.string().min(1).optional(),
    /** Per-kiosk / per-target / enrolment limits (http/rateLimit.ts); default by profile: real under production, out of the way under demo. */
    rateLimits: z
      .object({
        perKiosk: z.object({ max: z.number().int().positive(), windowSeconds: z.number().positive() }).strict(),
        perTarget: z.object({ max: z.number().int().positive(), windowSeconds: z.number().positive() }).strict(),
        enrolment: z.object({ max: z.number().int().positive(), windowSeconds: z.number().positive() }).strict(),
      })
      .strict()
      .optional(),
    /**
     * The bank keys whose signed attestations activate accounts (ATM mode). Default by profile: the demo banks under
     * demo (common/demo/bank.ts), none under production, which also refuses the demo key (its private half is public).
     */
    trustedBanks: z
      .array(trustedBankSchema)
      .max(200)
      .refine((banks) => new Set(banks.map((bank) => bank.kid)).size === banks.length, 'each kid once')
      .optional(),
    /**
     * Hex of central's copy of the ATMs' technician PIN key (AES-128/192/256, ISO 9564 format 4): technicians' PIN blocks
     * from EPPs decipher under it. Default by profile: the demo key (common/demo/technicianPinKey.ts) under demo, none
     * under production (ATM-mode maintenance then answers service_unavailable), which also refuses the demo key.
     */
    technicianPinKey: z.string().regex(/^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{48}|[0-9A-Fa-f]{64})$/, 'an AES key in hex').optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();

export type CentralOptionsInput = z.input<typeof centralOptionsSchema>;
export type CentralOptions = Omit<z.output<typeof centralOptionsSchema>, 'rateLimits' | 'trustedBanks'> & {
  readonly rules: RulesConfig;
  readonly rateLimits: RateLimits;
  readonly trustedBanks: readonly TrustedBank[];
};

/** Options that only make sense with the demo population: production refuses them rather than ignoring them. */
const DEMO_ONLY_OPTIONS = ['populationSeed', 'populationSize', 'seedCacheDir'] as const;

export function readOptions(input: CentralOptionsInput, rules: Partial<RulesConfig> = {}): CentralOptions {
  if ((input.profile ?? 'demo') !== 'demo') {
    const demoOnly = DEMO_ONLY_OPTIONS.filter((name) => input[name] !== undefined);
    if (demoOnly.length > 0) throw new Error(`the ${input.profile} profile refuses demo-only options: ${demoOnly.join(', ')}`);
  }
  const parsed = centralOptionsSchema.parse(input);
  const rateLimits = parsed.rateLimits ?? (parsed.profile === 'demo' ? DEMO_RATE_LIMITS : PRODUCTION_RATE_LIMITS);
  const trustedBanks = parsed.trustedBanks ?? (parsed.profile === 'demo' ? DEMO_TRUSTED_BANKS : []);
  const technicianPinKey = parsed.technicianPinKey ?? (parsed.profile === 'demo' ? DEMO_TECHNICIAN_PIN_KEY_HEX : undefined);
  if (parsed.profile !== 'demo' && technicianPinKey?.toUpperCase() === DEMO_TECHNICIAN_PIN_KEY_HEX) throw new Error(`the ${parsed.profile} profile refuses the demo technician PIN key (it is public)`);
  if (parsed.profile !== 'demo') {
    const demoKeyed = trustedBanks.filter((bank) => bank.publicJwk.x === DEMO_BANK_PUBLIC_JWK.x).map((bank) => bank.kid);
    if (demoKeyed.length > 0) throw new Error(`the ${parsed.profile} profile refuses the demo bank key (its private half is public): ${demoKeyed.join(', ')}`);
  }
  return { ...parsed, rateLimits, trustedBanks, ...(technicianPinKey ? { technicianPinKey } : {}), rules: { ...DEFAULT_RULES, ...rules } };
}
