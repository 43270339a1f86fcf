import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { trustedBankSchema } from '../common/wire/bankAttestation';
import { startCentral } from './server';

/**
 * npx tsx central/main.ts [--port N] [--data-dir D] [--profile production|demo] [--trusted-banks FILE]
 * First stdout line: {"url", "caCert", "enrollmentCode"} as one JSON object; logs go to stderr.
 * Without --profile the server is production: no /dev routes, no demo population, no SMS text kept.
 */
const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8443),
  'data-dir': z.string().min(1).optional(),
  profile: z.enum(['demo', 'production']).default('production'),
  /** JSON array of {bankCode, kid, publicJwk}: the banks whose signed attestations activate accounts (production trusts none without it). */
  'trusted-banks': z.string().min(1).optional(),
});

const { values } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, profile: { type: 'string' }, 'trusted-banks': { type: 'string' } },
  strict: true,
});
const args = argsSchema.parse(values);

// Each profile has its own default data dir: production refuses one the demo profile has seeded.
const dataDir = args['data-dir'] ?? join(tmpdir(), args.profile === 'demo' ? 'kiosk-central' : 'kiosk-central-production');
// startCentral refuses the demo bank key under production.
const trustedBanks = args['trusted-banks'] === undefined ? undefined : z.array(trustedBankSchema).parse(JSON.parse(readFileSync(args['trusted-banks'], 'utf8')));
const central = await startCentral({ port: args.port, dataDir, profile: args.profile, trustedBanks });
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
