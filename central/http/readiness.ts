import type { FastifyInstance } from 'fastify';
import { MIGRATIONS } from '../store/migrations';
import type { Database } from '../store/database';
import { problem, sendAnswer, success } from './answers';

type Readiness =
  | { readonly ready: true; readonly schemaVersion: number }
  | { readonly ready: false; readonly reason: 'database_unreachable' | 'schema_behind'; readonly schemaVersion?: number };

/** The schema version the database records (SQLite: PRAGMA user_version; PostgreSQL: central_schema, store/postgresDatabase.ts). */
async function schemaVersion(db: Database): Promise<number> {
  const row = db.engine === 'sqlite' ? await db.get('PRAGMA user_version') : await db.get('SELECT version FROM central_schema');
  const version = db.engine === 'sqlite' ? row?.user_version : row?.version;
  return typeof version === 'number' ? version : Number(version ?? 0);
}

/** Can this instance serve: its database answers, and has every migration this code expects. */
export async function checkReadiness(db: Database, expectedVersion = MIGRATIONS.length): Promise<Readiness> {
  let version: number;
  try {
    version = await schemaVersion(db);
  } catch {
    return { ready: false, reason: 'database_unreachable' };
  }
  return version >= expectedVersion ? { ready: true, schemaVersion: version } : { ready: false, reason: 'schema_behind', schemaVersion: version };
}

/**
 * `GET /ready`: the load balancer's health check (HAProxy `option httpchk`,
 * central/testing/haproxy.ts). Public (the checker has no client
 * certificate) and outside the kiosk contract; one database round trip
 * answers every check that arrives while it runs, so probing it costs the
 * database no more than one query at a time. 200 `{status: 'ready'}`, or
 * 503 `service_unavailable` with the reason: the balancer then sends
 * kiosks to the other instances.
 */
export function registerReadiness(app: FastifyInstance, db: Database): void {
  let running: Promise<Readiness> | null = null;
  const check = (): Promise<Readiness> => {
    running ??= checkReadiness(db).finally(() => {
      running = null;
    });
    return running;
  };
  app.get(
    '/ready',
    {
      schema: { hide: true },
      config: {
        access: 'public',
        rateLimitClass: 'none',
        rateLimitExemption: 'the load balancer probes it every second; concurrent probes share one database query and it reveals nothing',
      },
    },
    async (_request, reply) => {
      const readiness = await check();
      if (readiness.ready) return sendAnswer(reply, success(200, { status: 'ready', schemaVersion: readiness.schemaVersion }));
      const detail =
        readiness.reason === 'database_unreachable' ? 'Not ready: the database does not answer.' : `Not ready: the database schema (${readiness.schemaVersion ?? 0}) is older than this central expects.`;
      return sendAnswer(reply, problem('service_unavailable', detail));
    },
  );
}
