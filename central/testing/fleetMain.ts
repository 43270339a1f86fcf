import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startFleet } from './fleet';
import { type PostgresCluster, startPostgresCluster } from './postgres';

/**
 * npm run central:fleet -- [--instances N] [--database postgres://…] [--data-dir D] [--profile demo|production]
 *
 * The fleet setup on one machine: N central instances (central/main.ts, each its own process on a free port) on one
 * PostgreSQL database and one data dir, behind HAProxy in TCP mode (mTLS passed through) with health checks on
 * GET /ready. Without --database, a throw-away PostgreSQL cluster (gone when this stops). The first stdout line is
 * `{"url", "caCert", "enrollmentCode", "instances": [{name, url, pid}]}`: give kiosks the url (HAProxy's);
 * `kill -9` an instance's pid to watch the others carry on. Ctrl-C stops everything it started.
 */
const argsSchema = z.object({
  instances: z.coerce.number().int().min(1).max(16).default(2),
  database: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection string').optional(),
  'data-dir': z.string().min(1).optional(),
  profile: z.enum(['demo', 'production']).default('demo'),
});

function refuse(message: string): never {
  process.stderr.write(`central-fleet: ${message}\n`);
  process.exit(2);
}

let values: Record<string, unknown>;
try {
  ({ values } = parseArgs({ options: { instances: { type: 'string' }, database: { type: 'string' }, 'data-dir': { type: 'string' }, profile: { type: 'string' } }, strict: true }));
} catch (error) {
  refuse(`${(error as Error).message} (options: --instances, --database, --data-dir, --profile)`);
}
const parsed = argsSchema.safeParse(values);
if (!parsed.success) refuse(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
const args = parsed.data;
if (args.profile === 'production' && args['data-dir'] === undefined) refuse('the production profile needs --data-dir D (the CA and keys every instance reads)');

let cluster: PostgresCluster | undefined;
if (args.database === undefined) cluster = await startPostgresCluster();
const database = args.database ?? (await (cluster as PostgresCluster).createDatabase('central'));
const fleet = await startFleet({ instances: args.instances, database, dataDir: args['data-dir'], profile: args.profile });
process.stdout.write(
  `${JSON.stringify({ url: fleet.url, caCert: fleet.caCertPath, enrollmentCode: fleet.enrolmentCode, instances: fleet.instances.map(({ name, url, pid }) => ({ name, url, pid })) })}\n`,
);
process.stderr.write(`central-fleet: ${args.instances} instance(s) behind HAProxy at ${fleet.url}; instance logs in ${fleet.dataDir}\n`);

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  fleet
    .stop()
    .then(() => cluster?.stop())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`central-fleet: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
};
// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx), and a second signal with
// no handler would end it before the instances, HAProxy and PostgreSQL are stopped and the folders removed.
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
