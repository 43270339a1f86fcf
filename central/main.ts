import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { trustedBankSchema } from '../common/wire/bankAttestation';
import { startCentral } from './server';

/**
 * npx tsx central/main.ts [--port N] [--data-dir D] [--database sqlite:PATH|postgres://…] [--profile production|demo] [--trusted-banks FILE]
 * npx tsx central/main.ts technicians <add|disable|reset-pin|issue-card|list> --data-dir D [--id N] [--name NAME]   (PIN on stdin)
 * First stdout line: {"url", "caCert", "enrollmentCode"} as one JSON object; logs go to stderr.
 * Without --profile the server is production: no /dev routes, no demo population, no SMS text kept, and
 * --data-dir is required. A wrong command line exits 2 with one line on stderr.
 */
// `technicians …`: provisioning in a data dir (technicians/cli.ts), not a server start.
if (process.argv[2] === 'technicians') {
  const { runTechnicianCommand } = await import('./technicians/cli');
  process.exit(await runTechnicianCommand(process.argv.slice(3), process));
}

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8443),
  'data-dir': z.string().min(1).optional(),
  profile: z.enum(['demo', 'production']).default('production'),
  /** JSON array of {bankCode, kid, publicJwk}: the banks whose signed attestations activate accounts (production trusts none without it). */
  'trusted-banks': z.string().min(1).optional(),
  /** The store: sqlite:<path> or postgres://user@host:port/db; unset, <data-dir>/central.sqlite. The CA and keys stay in --data-dir. */
  database: z.string().min(1).optional(),
});

/** A wrong command line is the operator's to fix: one line saying what, exit 2, no stack trace. */
function refuse(message: string): never {
  process.stderr.write(`kiosk-central: ${message}\n`);
  process.exit(2);
}

let values: Record<string, unknown>;
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, profile: { type: 'string' }, 'trusted-banks': { type: 'string' }, database: { type: 'string' } },
    strict: true,
  }));
} catch (error) {
  refuse(`${(error as Error).message} (options: --port, --data-dir, --database, --profile, --trusted-banks)`);
}
const parsed = argsSchema.safeParse(values);
if (!parsed.success) refuse(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
const args = parsed.data;

// Production keeps citizens' accounts, the kiosks' CA and the audit trail: it names where (a temporary folder is wiped
// on reboot, and shared with every other user). The demo reseeds itself, so it may live in one.
if (args.profile === 'production' && args['data-dir'] === undefined) {
  refuse('the production profile needs --data-dir D: where its database, CA and keys are kept (it will not default to a temporary folder)');
}
const dataDir = args['data-dir'] ?? join(tmpdir(), 'kiosk-central');
// startCentral refuses the demo bank key under production.
const trustedBanks = args['trusted-banks'] === undefined ? undefined : z.array(trustedBankSchema).parse(JSON.parse(readFileSync(args['trusted-banks'], 'utf8')));
let central: Awaited<ReturnType<typeof startCentral>>;
try {
  central = await startCentral({ port: args.port, dataDir, database: args.database, profile: args.profile, trustedBanks });
} catch (error) {
  // A bad --database (or one that cannot be reached) is the operator's to fix as well.
  if (error instanceof z.ZodError) refuse(error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
  throw error;
}
const enrollmentCode = await central.issueEnrolmentCode();
process.stdout.write(`${JSON.stringify({ url: central.url, caCert: central.caCertPath, enrollmentCode })}\n`);

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  central.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
