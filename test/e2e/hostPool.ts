import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const root = new URL('../..', import.meta.url).pathname;

/**
 * How long a host may take to print its URL before it counts as hung: about a second on an idle machine, but
 * on a loaded one (stress-ng on both cores and an `npm ci` rebuilding native modules) well over 20 s was seen.
 * A host that exits is reported at once; this is only the net for one that lives but says nothing. Host
 * fixtures run under a timeout of their own (`hostFixtureTimeout`), so a slow start does not eat the spec's budget.
 */
const hostStartBudgetMs = 90_000;
export const hostFixtureTimeout = hostStartBudgetMs + 30_000;

/** A demo host (`out/host/index.js --browser=none --profile=demo`) as it started: its process and what it has said. */
interface StartedHost {
  readonly process: ChildProcess;
  /** Every stdout line so far. */
  readonly lines: string[];
  readonly stderr: string[];
}

interface Launch extends StartedHost {
  /** Resolves once the host printed `Kiosk UI:`; rejects if it exits or says nothing within the budget. */
  readonly ready: Promise<void>;
}

function launch(configJson: string): Launch {
  const child = spawn(process.execPath, ['out/host/index.js', '--browser=none', '--profile=demo'], {
    cwd: root,
    env: { ...process.env, KIOSK_CONFIG_JSON: configJson },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const lines: string[] = [];
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo host printed no URL in ${hostStartBudgetMs / 1000} s:\n${stderr.join('')}`));
    }, hostStartBudgetMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the demo host exited (${code ?? signal}):\n${stderr.join('')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Kiosk UI: ')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  // A spare nobody takes is killed, not awaited: its rejection is nobody's failure.
  ready.catch(() => undefined);
  return { process: child, lines, stderr, ready };
}

/**
 * A worker's next host, started while the current test runs. Every test still gets a host no test has used (its own
 * central, lab, data dir and ports), but most of a host's start (≈ 2–3 s, about half of every test's fixed cost)
 * happens while the test before it waits on line times and screens. One spare a worker, for the configuration its
 * last test asked for (the next test is usually of the same file); a test that asks for another configuration starts
 * its host then, as before, and the unused spare is killed. `KIOSK_E2E_SPARE_HOST=0` starts every host when asked.
 */
let spare: { readonly configJson: string; readonly host: Launch } | undefined;
const spareHosts = process.env.KIOSK_E2E_SPARE_HOST !== '0';

process.once('exit', () => spare?.host.process.kill('SIGKILL'));

/** A fresh demo host with this configuration (`KIOSK_CONFIG_JSON`), started now or taken from the worker's spare. */
export async function startHost(configJson: string): Promise<StartedHost> {
  let host: Launch | undefined;
  if (spare?.configJson === configJson) {
    host = spare.host;
    spare = undefined;
    // A spare that died or hung while it waited is replaced by a host started now.
    if (!(await host.ready.then(() => true, () => false)) || host.process.exitCode !== null || host.process.signalCode !== null) host = undefined;
  } else if (spare) {
    spare.host.process.kill('SIGKILL');
    spare = undefined;
  }
  if (!host) {
    host = launch(configJson);
    await host.ready;
  }
  if (spareHosts) spare = { configJson, host: launch(configJson) };
  return host;
}
