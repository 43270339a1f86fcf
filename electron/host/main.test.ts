import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledEntry } from '../../test/testing/bundledEntry';

const root = new URL('../..', import.meta.url).pathname;
// The host bundled once for this file (test/testing/bundledEntry.ts): each start pays Node's, not tsx compiling the core.
let hostBundle = '';
beforeAll(async () => {
  hostBundle = await bundledEntry('electron/host/main.ts');
}, 60_000);

/** The host's command line as a person types it: a wrong option is one clear line and exit 2, before anything starts. */
function host(...args: string[]): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [hostBundle, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stderr: run.stderr };
}

/** Starts the host, collects its stdout lines up to `Kiosk UI:`, lets `whileUp` look at it, then stops it with SIGTERM as Ctrl+C would. */
async function linesUntilKioskUi(whileUp: (lines: string[]) => Promise<void>, ...args: string[]): Promise<{ lines: string[]; exit: number | null }> {
  const child = spawn(process.execPath, [hostBundle, ...args], {
    cwd: root,
    env: { ...process.env, KIOSK_CONFIG_JSON: JSON.stringify({ log: { level: 'silent' } }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`the host exited (${code}): ${stderr.join('')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Kiosk UI: ')) resolve();
    });
  });
  try {
    await whileUp(lines);
  } finally {
    child.kill('SIGTERM');
  }
  return { lines, exit: await exited };
}

describe('browser host command line', () => {
  it('--mode=atm --demo runs the kiosk at a simulated ATM: it says where the ATM’s publisher, the bank host and the lab are, then the UI', async () => {
    let cards: unknown[] = [];
    const { lines, exit } = await linesUntilKioskUi(
      async (printed) => {
        // The lab's control API is the ATM station's too: its demo cards are there.
        const lab = printed.find((line) => line.startsWith('Lab control: '))?.slice('Lab control: '.length);
        cards = ((await (await fetch(`${lab}/atm/cards`)).json()) as { cards: unknown[] }).cards;
      },
      '--browser=none',
      '--demo',
      '--profile=demo',
      '--mode=atm',
    );
    const value = (prefix: string) => lines.find((line) => line.startsWith(prefix))?.slice(prefix.length);
    expect(value('ATM: ')).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/xfs4iot\/v1\.0\/$/);
    expect(value('Bank host: ')).toMatch(/^https?:\/\/127\.0\.0\.1:\d+$/);
    expect(value('Lab control: ')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(value('Kiosk UI: ')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(cards.length).toBeGreaterThan(0);
    expect(exit, 'SIGTERM stops it cleanly').toBe(0);
  });

  it('a mode that does not exist is named in one line', () => {
    const { status, stderr } = host('--browser=none', '--mode=bank');
    expect(status).toBe(2);
    expect(stderr).toBe('kiosk: --mode must be government or atm (got bank)\n');
  });

  it('--url-file writes the launch URL, secret and all, to a file only its own user can read (the packaged screen service opens it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-url-file-'));
    const file = join(dir, 'ui-url');
    try {
      let written = '';
      let mode = 0;
      const { lines } = await linesUntilKioskUi(
        async () => {
          written = readFileSync(file, 'utf8');
          mode = statSync(file).mode & 0o777;
        },
        '--browser=none',
        '--demo',
        '--profile=demo',
        `--url-file=${file}`,
      );
      const printed = lines.find((line) => line.startsWith('Kiosk UI: '))?.slice('Kiosk UI: '.length);
      expect(written).toBe(`${printed}\n`);
      expect(printed).toMatch(/#token=[0-9a-f]{64}$/);
      expect(mode.toString(8)).toBe('600');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown option is named in one line with the options there are, not a stack trace', () => {
    const { status, stderr } = host('--colour=blue');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^kiosk: Unknown option '--colour'.*\(options: --browser, --port, --config, --profile, --renderer-dir, --mode, --demo, --url-file, --control-socket\)\n$/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });
}, 120_000);
