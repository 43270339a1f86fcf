import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type RunningHaproxy, startHaproxy } from './haproxy';

const MAIN = resolve(import.meta.dirname, '..', 'main.ts');

export interface FleetInstance {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Still running (not killed, not exited). */
  alive(): boolean;
  /** Sends a signal to this instance's process (SIGKILL: dies mid-request, nothing flushed). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

interface FleetOptions {
  readonly instances: number;
  /** postgres://… every instance uses (the fleet is stateless only on a shared database). */
  readonly database: string;
  /** The data dir every instance reads (CA, hash key, rollout); a fresh temporary one by default, removed at stop. */
  readonly dataDir?: string;
  readonly profile?: 'demo' | 'production';
  readonly checkIntervalMs?: number;
  readonly fall?: number;
}

export interface RunningFleet {
  /** HAProxy's address: the one URL kiosks are given. */
  readonly url: string;
  readonly caCertPem: string;
  readonly caCertPath: string;
  readonly dataDir: string;
  /** The enrolment code the first instance printed (more: POST /dev/enrolment-codes under demo). */
  readonly enrolmentCode: string;
  readonly instances: readonly FleetInstance[];
  readonly haproxy: RunningHaproxy;
  stop(): Promise<void>;
}

interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly first: { url: string; caCert: string; enrollmentCode: string };
}

// Each instance runs under a shell that stops it (SIGTERM) when its stdin closes: at stop(), and when this process
// dies however it dies. The shell prints the instance's own pid first, so a spec can SIGKILL the instance itself, and
// exits when the instance does.
// (A background list reads /dev/null unless told otherwise: the watcher reads our pipe through fd 3.)
// Ctrl-C's SIGINT is ignored by the shell as by the instance in its background: stdin closing is what stops it.
const WATCHDOG = 'trap "" INT; exec 3<&0; "$0" "$@" </dev/null 2>>"$CENTRAL_LOG" & pid=$!; echo $pid; (read -r _ <&3; kill -TERM $pid 2>/dev/null) & wait $pid';

/** One `central/main.ts` process (node with tsx's loader, one process: its pid is the server's). */
async function startInstance(name: string, options: FleetOptions, dataDir: string): Promise<Started & { pid: number }> {
  const log = join(dataDir, `${name}.log`);
  openSync(log, 'a');
  const child = spawn(
    'sh',
    ['-c', WATCHDOG, process.execPath, '--import', 'tsx', MAIN, '--port', '0', '--data-dir', dataDir, '--database', options.database, '--profile', options.profile ?? 'demo'],
    { env: { ...process.env, CENTRAL_LOG: log }, stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async (what: string): Promise<string> => {
    const line = await Promise.race([iterator.next(), exited.then(() => ({ done: true, value: undefined }) as const)]);
    if (line.done) throw new Error(`central instance ${name} exited before ${what}:\n${readFileSync(log, 'utf8').slice(-2000)}`);
    return line.value;
  };
  const pid = Number(await next('its pid'));
  const first = JSON.parse(await next('listening')) as Started['first'];
  return { child, exited, first, pid };
}

/**
 * N central instances (`central/main.ts`, each its own process on a free
 * port) on one PostgreSQL database and one data dir, behind HAProxy. The
 * first instance starts alone (it makes the CA and hash key, migrates and
 * seeds); the others then start together. Resolves once HAProxy's health
 * checks see every instance up.
 */
export async function startFleet(options: FleetOptions): Promise<RunningFleet> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'central-fleet-'));
  const started: (Started & { pid: number })[] = [];
  const stopInstances = async () => {
    for (const instance of started) instance.child.stdin?.end();
    await Promise.all(started.map((instance) => instance.exited));
  };
  let haproxy: RunningHaproxy | undefined;
  try {
    started.push(await startInstance('c1', options, dataDir));
    const rest = await Promise.all(Array.from({ length: options.instances - 1 }, (_, i) => startInstance(`c${i + 2}`, options, dataDir)));
    started.push(...rest);
    const head = started[0] as Started;
    const instances: FleetInstance[] = started.map((instance, i) => {
      const url = instance.first.url;
      let dead = false;
      void instance.exited.then(() => (dead = true));
      return {
        name: `c${i + 1}`,
        url,
        port: Number(new URL(url).port),
        pid: instance.pid,
        alive: () => !dead,
        kill: async (signal) => {
          process.kill(instance.pid, signal);
          await instance.exited;
        },
      };
    });
    haproxy = await startHaproxy({ backends: instances.map(({ name, port }) => ({ name, port })), caCertPath: head.first.caCert, checkIntervalMs: options.checkIntervalMs, fall: options.fall });
    await haproxy.waitForStates(Object.fromEntries(instances.map(({ name }) => [name, 'UP'])));
    const balancer = haproxy;
    let stopping: Promise<void> | undefined;
    return {
      url: balancer.url,
      caCertPem: readFileSync(head.first.caCert, 'utf8'),
      caCertPath: head.first.caCert,
      dataDir,
      enrolmentCode: head.first.enrollmentCode,
      instances,
      haproxy: balancer,
      stop: () => {
        stopping ??= (async () => {
          await balancer.stop();
          await stopInstances();
          if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  } catch (error) {
    await haproxy?.stop();
    await stopInstances();
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
