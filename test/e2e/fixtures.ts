import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';

export { expect };

const root = new URL('../..', import.meta.url).pathname;

/** Short timings so idle specs run in seconds; production keeps ≥ 20 s (the config schema enforces it). */
export const e2eTimings = { idleWarningAfterMs: 3_000, idleCountdownMs: 4_000, extensionsAllowed: 10, sessionCapMs: 600_000 };

export interface KioskProcess {
  url: string;
  process: ChildProcess;
  stderr: string[];
  /** Every stdout line so far. */
  lines: string[];
  /** Demo only: the simulated lab's control API, the embedded central and its CA file. */
  labControl: string | undefined;
  centralUrl: string | undefined;
  centralCa: string | undefined;
}

/** The demo the specs run against: simulated devices and the embedded reference central (≈ 1 s to start). */
export const e2eDemo = { devices: { simulated: true }, central: { embedded: true } };

/**
 * Starts `out/host/index.js --browser=none` and resolves with the `Kiosk UI:` URL it prints.
 * `config` is layered over the demo and the short timings (top-level keys replace).
 */
export async function startKioskHost(config: object = {}): Promise<KioskProcess> {
  const child = spawn(process.execPath, ['out/host/index.js', '--browser=none', '--profile=demo'], {
    cwd: root,
    env: { ...process.env, KIOSK_CONFIG_JSON: JSON.stringify({ session: e2eTimings, log: { level: 'warn' }, ...e2eDemo, ...config }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const lines: string[] = [];
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host printed no URL in 20 s:\n${stderr.join('')}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}):\n${stderr.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const match = /^Kiosk UI: (\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const after = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.slice(prefix.length);
  return { url, process: child, stderr, lines, labControl: after('Lab control: '), centralUrl: after('Central: '), centralCa: after('Central CA: ') };
}

/** A fresh kiosk per test (≈ 0.3 s), so no session or state leaks from one spec into the next. */
export const test = base.extend<{ kioskUrl: string; kioskHost: KioskProcess }>({
  kioskHost: async ({}, use) => {
    const host = await startKioskHost();
    await use(host);
    host.process.kill('SIGTERM');
  },
  kioskUrl: async ({ kioskHost }, use) => use(kioskHost.url),
});
