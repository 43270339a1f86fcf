/**
 * The real kiosk core as a child process, driven the way the renderer drives
 * it: the browser host (electron/host/main.ts, bundled once by esbuild) with the
 * simulated lab and a central given by URL and CA file (not the embedded one,
 * so the central outlives a killed core), and its RPC over the host's loopback
 * WebSocket with the launch secret and our Origin. For the fault suite
 * (SIGKILL mid-journey) and the outbox bench (UI calls under journey load).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { connectKiosk, webSocketChannel } from '../../electron/contract';
import type { KioskApi, KioskClient, KioskSnapshot } from '../../electron/contract';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface CoreProcessOptions {
  bundle: string;
  dataDir: string;
  centralUrl: string;
  centralCaFile: string;
  /** Used only on the first start (no identity in the data dir yet). */
  enrolmentCode?: string;
  /** The store's wrapping key (base64, 32 bytes): the same on every start, as production's keystore gives it. */
  storeKey: string;
  /** Layered over the rest of the configuration. */
  config?: object;
  /** Extra environment (a heap flag, say). */
  env?: NodeJS.ProcessEnv;
  /** The renderer the host serves (default: none built there; the outbox bench serves out/renderer to a browser). */
  rendererDir?: string;
}

export interface CoreProcess {
  child: ChildProcess;
  uiUrl: string;
  labUrl: string;
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Patient session timings: no idle warning ends a scripted session. */
const patientSession = { idleWarningAfterMs: 300_000, idleCountdownMs: 30_000, extensionsAllowed: 10, sessionCapMs: 600_000 };

/** Starts the host on `dataDir` and waits for `Kiosk UI:` (store open, enrolled, devices up); rejects if it exits first. */
export async function startCoreProcess(options: CoreProcessOptions, startBudgetMs = 90_000): Promise<CoreProcess> {
  const config = {
    profile: 'demo',
    devices: { simulated: true },
    central: { embedded: false, url: options.centralUrl, caFile: options.centralCaFile },
    store: { dataDir: options.dataDir },
    session: patientSession,
    log: { level: 'warn' },
    ...options.config,
  };
  // No renderer by default: an empty folder of our own.
  const rendererDir = options.rendererDir ?? join(root, 'test-results', 'faults', 'no-renderer');
  await mkdir(rendererDir, { recursive: true });
  const child = spawn(process.execPath, [options.bundle, '--browser=none', '--profile=demo', `--renderer-dir=${rendererDir}`], {
    cwd: root,
    env: { ...process.env, ...options.env, KIOSK_CONFIG_JSON: JSON.stringify(config), KIOSK_STORE_KEY: options.storeKey, ...(options.enrolmentCode ? { KIOSK_ENROLMENT_CODE: options.enrolmentCode } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (d: Buffer) => {
    stderr.push(d.toString());
    if (stderr.length > 200) stderr.splice(0, stderr.length - 200);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const found: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the core printed no UI address in ${startBudgetMs / 1000} s:\n${stderr.join('')}`));
    }, startBudgetMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the core exited while starting (${code ?? signal}):\n${stderr.join('')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^(Lab control|Kiosk UI): (\S+)$/.exec(line);
      if (match?.[1] && match[2]) found[match[1]] = match[2];
      if (match?.[1] === 'Kiosk UI') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, uiUrl: found['Kiosk UI']!, labUrl: found['Lab control']!, stderr, exited };
}

export interface Renderer {
  api: KioskApi;
  /** The newest snapshot the core pushed (or answered). */
  latest(): KioskSnapshot | null;
  /** Resolves with the first snapshot (pushed or fetched) that satisfies `test`; rejects after `timeoutMs` or on disconnect. */
  until(test: (s: KioskSnapshot) => boolean, what: string, timeoutMs?: number): Promise<KioskSnapshot>;
  close(): void;
}

/** Connects as the renderer does (WebSocket `/rpc?token=…` with our Origin) and follows the pushed snapshots. */
export async function connectRenderer(uiUrl: string): Promise<Renderer> {
  const url = new URL(uiUrl);
  const token = url.hash.replace(/^#token=/, '');
  const socket = new WebSocket(`ws://${url.host}/rpc?token=${token}`, { headers: { origin: url.origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let latest: KioskSnapshot | null = null;
  const waiters = new Set<{ test: (s: KioskSnapshot) => boolean; resolve: (s: KioskSnapshot) => void }>();
  const take = (s: KioskSnapshot): void => {
    if (latest && s.revision < latest.revision) return;
    latest = s;
    for (const w of waiters) if (w.test(s)) w.resolve(s);
  };
  const failAll = new Set<(e: Error) => void>();
  // A call in flight when the core dies is answered at once (birpc alone would wait out its 30 s timeout).
  const gone = new Promise<never>((_, reject) => {
    socket.on('close', () => {
      const error = new Error('the core went away');
      reject(error);
      for (const f of failAll) f(error);
    });
  });
  gone.catch(() => undefined);
  const client: KioskClient = connectKiosk(webSocketChannel(socket), { snapshot: take, sessionEnded: () => undefined, reloadRequested: () => undefined });
  // Each answer that is a snapshot counts as one too (the renderer draws them the same way).
  const api = new Proxy(client.api, {
    get(target, name: string) {
      const call = target[name as keyof KioskApi] as (input: unknown) => Promise<unknown>;
      return async (input: unknown) => {
        const answer = await Promise.race([call(input), gone]);
        if (answer && typeof answer === 'object' && 'revision' in answer && 'appState' in answer) take(answer as KioskSnapshot);
        return answer;
      };
    },
  });
  take(await api.getSnapshot({}));
  return {
    api,
    latest: () => latest,
    until(test, what, timeoutMs = 60_000) {
      if (latest && test(latest)) return Promise.resolve(latest);
      return new Promise<KioskSnapshot>((resolve, reject) => {
        const waiter = {
          test,
          resolve: (s: KioskSnapshot) => {
            done();
            resolve(s);
          },
        };
        const fail = (e: Error) => {
          done();
          reject(e);
        };
        const timer = setTimeout(() => fail(new Error(`no snapshot with ${what} in ${timeoutMs / 1000} s (last: ${latest?.journey?.step ?? latest?.appState.state}${latest?.journey?.error ? `, error ${latest.journey.error.code}` : ''})`)), timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
          failAll.delete(fail);
        };
        waiters.add(waiter);
        failAll.add(fail);
      });
    },
    close: () => {
      client.close();
      socket.terminate();
    },
  };
}

/** The simulated lab's control API (a finger on the glass, lifted). */
export async function labPost(labUrl: string, path: string, body: object = {}): Promise<number> {
  const response = await fetch(`${labUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}
