import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function devices(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const json = (run: Run): Record<string, unknown> => JSON.parse(run.stdout.trim()) as Record<string, unknown>;

describe('npm run devices', () => {
  it('documents its commands and exit codes in --help, and exits 2 on a usage error', async () => {
    const help = await devices('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*3 +device not found[\s\S]*5 +timeout/);
    const wrong = await devices('probe', 'printer');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('probe needs a device');
  });

  it('probes the lab fingerprint reader: online, with its system parameters', async () => {
    const run = await devices('probe', 'fingerprint', '--lab', '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ ok: true, status: 'online', baudRate: 57600, packetSize: 128, libraryCapacity: 1000, hasLed: true });
  });

  it('captures a demo finger in the lab and shows the package without the template', async () => {
    const run = await devices('capture', '--lab', '--json');
    expect(run.code).toBe(0);
    const report = json(run);
    expect(report).toMatchObject({ ok: true, format: 'synthetic-minutiae-v1', templateBytes: 512 });
    expect(report).not.toHaveProperty('template');
  });

  it('reads the demo ID card in the lab, and ejects a card that the demo person takes', async () => {
    const read = await devices('read-card', '--lab');
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/ID number +1000000008/);
    const ejected = await devices('eject', '--lab', '--json');
    expect(ejected.code).toBe(0);
    expect(json(ejected)).toMatchObject({ ok: true, outcome: 'taken' });
  });

  it('exits 3 when the port does not exist', async () => {
    const run = await devices('probe', 'cardSlot', '--card-slot', '/dev/does-not-exist', '--json');
    expect(run.code).toBe(3);
    expect(json(run)).toMatchObject({ ok: false, exitCode: 3, status: 'offline' });
  });
});
