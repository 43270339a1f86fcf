import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../store/openDatabase';

/** Where Debian's postgresql package puts the server binaries (apt: postgresql). */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = (() => {
    try {
      return execFileSync('ls', [root], { encoding: 'utf8' }).split('\n').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    } catch {
      return [];
    }
  })();
  if (!versions[0]) throw new Error('PostgreSQL is not installed (apt-get install postgresql; scripts/osPackages.mjs)');
  return join(root, versions[0], 'bin');
}

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/ (append a database name). */
  readonly baseUrl: string;
  readonly port: number;
  /** How long initdb + start took, ms. */
  readonly startMs: number;
  /** A fresh, empty database; its URL. */
  createDatabase(prefix?: string): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  stop(): Promise<void>;
}

async function asAdmin<T>(baseUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${baseUrl}postgres` });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Databases on the cluster at `baseUrl`: empty ones, or copies of `template` (a file copy, no migrations to run). */
function databasesOn(baseUrl: string, template?: string): Pick<PostgresCluster, 'baseUrl' | 'createDatabase' | 'dropDatabase'> {
  if (template !== undefined && !/^\w+$/.test(template)) throw new Error(`not a template database name: ${template}`);
  return {
    baseUrl,
    createDatabase: async (prefix = 't') => {
      const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(6).toString('hex')}`;
      await asAdmin(baseUrl, (client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
      return `${baseUrl}${name}`;
    },
    dropDatabase: async (url) => {
      const name = new URL(url).pathname.slice(1);
      if (!/^\w+$/.test(name)) throw new Error(`not a test database: ${name}`);
      await asAdmin(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A port free on 127.0.0.1 now (a server that binds it later may still lose a race: callers retry). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitFor(condition: () => boolean, what: string, child: ChildProcess, server: () => number | undefined, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (condition()) return resolve();
      if (child.exitCode !== null || child.signalCode !== null || !alive(server())) return reject(new Error(`${what}: the server exited`));
      if (Date.now() - started > timeoutMs) return reject(new Error(`${what}: not within ${timeoutMs} ms`));
      setTimeout(check, 25);
    };
    check();
  });
}

// The server runs under a shell that stops it (fast shutdown) when its stdin closes: when stop() ends it, and when this
// process dies however it dies (a killed test worker leaves no postgres, and no folder, behind). It ignores Ctrl-C's
// SIGINT, as the server in its background does: stdin closing is what stops it.
const WATCHDOG = 'trap "" INT; "$0" "$@" </dev/null 2>>"$PGLOG" & pid=$!; echo $pid; read -r _; kill -INT $pid 2>/dev/null; wait $pid; rm -rf "$PGDIR"';

/**
 * A throw-away cluster for tests: initdb into a temporary folder (as the `postgres` user when we are root: the server
 * refuses to run as root), listening on 127.0.0.1 on a free port with its socket in that folder, fsync off — or, with
 * `durable` (the bench, set beside SQLite's synchronous=FULL), PostgreSQL's own defaults: fsync and synchronous commit.
 */
export async function startPostgresCluster(options: { readonly durable?: boolean } = {}): Promise<PostgresCluster> {
  const started = Date.now();
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'central-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) } : {};
  if (asRoot) chownSync(dir, owner.uid ?? 0, owner.gid ?? 0);
  const data = join(dir, 'data');
  try {
    execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'], { ...owner, stdio: 'pipe', timeout: 120_000 });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`);
  }

  let server: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 3 && !server; attempt += 1) {
    port = await freePort();
    const unsafe = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
    const settings = [...unsafe, '-c', 'max_connections=200', '-c', 'shared_buffers=16MB'];
    const child = spawn('sh', ['-c', WATCHDOG, join(bin, 'postgres'), '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, ...settings], {
      ...owner,
      env: { ...process.env, PGLOG: join(dir, 'server.log'), PGDIR: dir },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let serverPid: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      serverPid ??= Number(chunk.split('\n')[0]) || undefined;
    });
    // postmaster.pid's 8th line reads "ready" once the server accepts connections (what pg_ctl waits for).
    const ready = (): boolean => {
      try {
        return readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim() === 'ready';
      } catch {
        return false;
      }
    };
    try {
      await waitFor(ready, 'postgres start', child, () => serverPid, 60_000);
      server = child;
    } catch (error) {
      // Not through the watchdog (it would remove the folder another attempt reuses): the server and its shell, ours only.
      if (serverPid !== undefined && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
      child.kill('SIGKILL');
      if (attempt === 2) {
        const log = (() => {
          try {
            return readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000);
          } catch {
            return '';
          }
        })();
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`${(error as Error).message}\n${log}`);
      }
    }
  }
  const running = server as ChildProcess & { stdin: NonNullable<ChildProcess['stdin']> };
  const baseUrl = `postgres://postgres@127.0.0.1:${port}/`;
  const startMs = Date.now() - started;

  const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  return {
    ...databasesOn(baseUrl),
    port,
    startMs,
    stop: () => {
      stopping ??= (async () => {
        running.stdin.end();
        const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 30_000).unref());
        if ((await Promise.race([exited.then(() => 'done' as const), timeout])) === 'late') {
          // Ours only: the postmaster's pid (from its own file) and the watchdog shell.
          const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
          if (pid > 0) process.kill(pid, 'SIGKILL');
          running.kill('SIGKILL');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** How a run-wide cluster (testing/postgresGlobalSetup.ts) reaches the test processes: its URL and its template database. */
export const RUN_CLUSTER_ENV = { url: 'CENTRAL_TEST_POSTGRES_URL', template: 'CENTRAL_TEST_POSTGRES_TEMPLATE' } as const;

/**
 * Makes `name` on `cluster` an empty central database with every migration applied, to copy from: each test central's
 * database is then `CREATE DATABASE … TEMPLATE name` (a copy of a few files) instead of a run of every migration.
 */
export async function createTemplateDatabase(cluster: Pick<PostgresCluster, 'baseUrl'>, name = 'central_template'): Promise<string> {
  if (!/^\w+$/.test(name)) throw new Error(`not a template database name: ${name}`);
  await asAdmin(cluster.baseUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  // Closed before anyone copies it: PostgreSQL copies only a database nobody is connected to.
  await (await openDatabase({ engine: 'postgres', url: `${cluster.baseUrl}${name}` })).close();
  return name;
}

/** A cluster someone else started and will stop (the run's global setup): this process only makes and drops databases. */
export function attachedCluster(baseUrl: string, template: string | undefined): PostgresCluster {
  return { ...databasesOn(baseUrl, template), port: Number(new URL(baseUrl).port), startMs: 0, stop: () => Promise.resolve() };
}

let shared: Promise<PostgresCluster> | undefined;

/**
 * The cluster this test process's centrals use: the run's own when a global setup started one (RUN_CLUSTER_ENV), else
 * one for this process, started on first use, that stops (and its folder goes) when the process ends.
 */
export function sharedPostgresCluster(): Promise<PostgresCluster> {
  const runUrl = process.env[RUN_CLUSTER_ENV.url];
  shared ??= runUrl ? Promise.resolve(attachedCluster(runUrl, process.env[RUN_CLUSTER_ENV.template])) : startPostgresCluster();
  return shared;
}

/** Which engine central's test contexts run on: `CENTRAL_TEST_DATABASE=postgres` for PostgreSQL, SQLite otherwise. */
export function testEngine(): 'sqlite' | 'postgres' {
  const engine = process.env.CENTRAL_TEST_DATABASE ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`CENTRAL_TEST_DATABASE: sqlite or postgres, not ${engine}`);
  return engine;
}
