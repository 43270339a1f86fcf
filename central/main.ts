import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { startCentral } from './server';

/**
 * npx tsx central/main.ts [--port N] [--data-dir D] [--profile demo|production]
 * First stdout line: {"url", "caCert", "enrollmentCode"} as one JSON object; logs go to stderr.
 */
const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8443),
  'data-dir': z.string().min(1).default(join(tmpdir(), 'kiosk-central')),
  profile: z.enum(['demo', 'production']).default('demo'),
});

const { values } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, profile: { type: 'string' } },
  strict: true,
});
const args = argsSchema.parse(values);

const central = await startCentral({ port: args.port, dataDir: args['data-dir'], profile: args.profile });
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
