import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres';

/** Where Debian's haproxy package puts it (apt: haproxy; scripts/osPackages.mjs). */
const HAPROXY = '/usr/sbin/haproxy';

interface HaproxyBackend {
  /** The server's name in HAProxy's stats (letters, digits, - and _). */
  readonly name: string;
  readonly port: number;
}

interface HaproxyOptions {
  readonly backends: readonly HaproxyBackend[];
  /** The central CA: the health check speaks TLS to each instance and trusts only it. */
  readonly caCertPath: string;
  /** Health-check interval (HAProxy `inter`); an instance is down after `fall` failed checks in a row. */
  readonly checkIntervalMs?: number;
  readonly fall?: number;
  readonly rise?: number;
}

export type ServerState = 'UP' | 'DOWN' | 'MAINT' | 'NOLB' | string;

export interface RunningHaproxy {
  /** https://127.0.0.1:PORT: what kiosks are given as central's URL (TLS passes through to the instances). */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly checkIntervalMs: number;
  readonly fall: number;
  /** Each backend server's state as HAProxy's health checks see it now (its stats socket). */
  serverStates(): Promise<Record<string, ServerState>>;
  /** Resolves once every named server is in the state given; bounded by `timeoutMs`. */
  waitForStates(wanted: Record<string, ServerState>, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The configuration: TCP mode end to end (the kiosk's mTLS reaches the instance untouched), HTTP health checks over TLS on GET /ready. */
export function haproxyConfig(options: HaproxyOptions & { readonly port: number; readonly statsSocket: string }): string {
  const inter = options.checkIntervalMs ?? 1000;
  const servers = options.backends.map((backend) => {
    if (!/^[\w-]+$/.test(backend.name)) throw new Error(`haproxy: server name ${JSON.stringify(backend.name)} is not letters, digits, - or _`);
    return `  server ${backend.name} 127.0.0.1:${backend.port}`;
  });
  return [
    'global',
    '  maxconn 4096',
    `  stats socket ${options.statsSocket} mode 600 level admin`,
    'defaults',
    '  mode tcp',
    '  timeout connect 2s',
    // Longer than central's keep-alive (65 s), so HAProxy never cuts a kiosk's idle connection first.
    '  timeout client 70s',
    '  timeout server 70s',
    // A connection refused by a dead instance is retried on another before the checks have noticed.
    '  option redispatch',
    '  retries 2',
    'frontend central',
    `  bind 127.0.0.1:${options.port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /ready',
    '  http-check expect status 200',
    // A dead instance's open connections are cut at once, so kiosks reconnect (to a live one) instead of waiting.
    `  default-server check check-ssl ca-file ${options.caCertPath} verify required inter ${inter} fall ${options.fall ?? 2} rise ${options.rise ?? 1} on-marked-down shutdown-sessions`,
    ...servers,
    '',
  ].join('\n');
}

/** One command on the admin socket, its whole answer. */
function statsCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(`${command}\n`);
  });
}

/** `show stat` is CSV with a `# pxname,svname,…,status,…` header: the servers of backend `instances`. */
export function parseServerStates(csv: string): Record<string, ServerState> {
  const [header, ...lines] = csv.split('\n').filter((line) => line.trim().length > 0);
  const columns = (header ?? '').replace(/^#\s*/, '').split(',');
  const proxy = columns.indexOf('pxname');
  const server = columns.indexOf('svname');
  const status = columns.indexOf('status');
  const states: Record<string, ServerState> = {};
  for (const line of lines) {
    const cells = line.split(',');
    const name = cells[server] ?? '';
    if (cells[proxy] !== 'instances' || name === 'BACKEND' || name === 'FRONTEND') continue;
    // "UP 1/2" while rising, "DOWN 1/2" while falling: the settled word first.
    states[name] = (cells[status] ?? '').split(' ')[0] ?? '';
  }
  return states;
}

// HAProxy runs under a shell that stops it when its stdin closes: when stop() ends it, and when this process dies
// however it dies (nothing of ours is left listening), then removes the folder with the configuration. The shell
// ignores Ctrl-C's SIGINT (HAProxy, started in the background, does too): it waits for its stdin to close instead.
const WATCHDOG = 'trap "" INT; "$0" "$@" </dev/null 2>>"$HALOG" & pid=$!; echo $pid; read -r _; kill -TERM $pid 2>/dev/null; wait $pid; rm -rf "$HADIR"';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Bounded polling for a state (never a fixed sleep): checks every `stepMs` until `timeoutMs`. */
async function until(condition: () => Promise<boolean>, what: string, timeoutMs: number, stepMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`haproxy: ${what} not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

/** HAProxy in front of central instances on 127.0.0.1 (a free port), its configuration in a temporary folder that goes when it stops. */
export async function startHaproxy(options: HaproxyOptions): Promise<RunningHaproxy> {
  if (!existsSync(HAPROXY)) throw new Error('HAProxy is not installed (apt-get install haproxy; scripts/osPackages.mjs)');
  const dir = mkdtempSync(join(tmpdir(), 'central-haproxy-'));
  const statsSocket = join(dir, 'admin.sock');
  const configPath = join(dir, 'haproxy.cfg');
  const log = join(dir, 'haproxy.log');
  for (let attempt = 0; ; attempt += 1) {
    const port = await freePort();
    writeFileSync(configPath, haproxyConfig({ ...options, port, statsSocket }));
    const child: ChildProcess = spawn('sh', ['-c', WATCHDOG, HAPROXY, '-db', '-f', configPath], {
      env: { ...process.env, HALOG: log, HADIR: dir },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.stdout?.setEncoding('utf8').once('data', (chunk: string) => resolve(Number(chunk.split('\n')[0])));
      child.once('error', reject);
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => (gone = true));
    try {
      await until(async () => {
        if (gone) throw new Error('exited');
        return existsSync(statsSocket) && (await accepts(port));
      }, 'listening', 30_000);
    } catch (error) {
      child.stdin?.end();
      await exited;
      // The port was taken between our probe and HAProxy's bind: another port (a few times).
      if (attempt < 3 && (error as Error).message === 'exited') continue;
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`haproxy did not start: ${(error as Error).message}\n${tail}`);
    }
    const serverStates = async () => parseServerStates(await statsCommand(statsSocket, 'show stat'));
    let stopping: Promise<void> | undefined;
    return {
      url: `https://127.0.0.1:${port}`,
      port,
      pid,
      checkIntervalMs: options.checkIntervalMs ?? 1000,
      fall: options.fall ?? 2,
      serverStates,
      waitForStates: (wanted, timeoutMs = 30_000) =>
        until(
          async () => {
            const states = await serverStates();
            return Object.entries(wanted).every(([name, state]) => states[name] === state);
          },
          `servers ${JSON.stringify(wanted)}`,
          timeoutMs,
        ),
      stop: () => {
        stopping ??= (async () => {
          child.stdin?.end();
          await exited;
          rmSync(dir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  }
}
