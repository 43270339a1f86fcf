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

/**
 * A fresh demo host with this configuration (`KIOSK_CONFIG_JSON`), once it has printed `Kiosk UI:`; rejects if it
 * exits or says nothing within the budget. The one way the e2e specs start a host (fixtures.startKioskHost,
 * journeyHelpers.startDemoKiosk).
 */
export async function startHost(configJson: string): Promise<StartedHost> {
  const child = spawn(process.execPath, ['out/host/index.js', '--browser=none', '--profile=demo'], {
    cwd: root,
    env: { ...process.env, KIOSK_CONFIG_JSON: configJson },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const lines: string[] = [];
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  await new Promise<void>((resolve, reject) => {
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
  return { process: child, lines, stderr };
}
