import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { bundledEntry } from '../../test/testing/bundledEntry';

it('`npm run lab` prints one JSON line first, serves until SIGTERM, then removes its ptys', async () => {
  const child = spawn(process.execPath, [await bundledEntry('drivers/lab/main.ts')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', () => reject(new Error('the lab exited before printing its first line')));
    });
    const announced = JSON.parse(first) as { control: string; devices: { fingerprint: string; cardSlot: string; printer: string } };
    expect(announced.control).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(announced.devices.fingerprint)).toBe(true);
    expect(existsSync(announced.devices.cardSlot)).toBe(true);
    expect(existsSync(announced.devices.printer)).toBe(true);
    const state = (await (await fetch(`${announced.control}/state`)).json()) as { cardSlot: { plugged: boolean }; printer: { plugged: boolean; online: boolean } };
    expect(state.cardSlot.plugged).toBe(true);
    expect(state.printer).toMatchObject({ plugged: true, online: true });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(announced.devices.fingerprint)).toBe(false);
    expect(existsSync(announced.devices.cardSlot)).toBe(false);
    expect(existsSync(announced.devices.printer)).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

it('`npm run lab -- --atm` also announces the ATM publisher on a port of 5846–5856 and the bank host, and serves the ATM routes', async () => {
  const child = spawn(process.execPath, [await bundledEntry('drivers/lab/main.ts'), '--atm'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  try {
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', () => reject(new Error(`the lab exited before printing its first line: ${stderr.join('')}`)));
    });
    const announced = JSON.parse(first) as { control: string; atm: string; bankHost: string };
    const atm = /^ws:\/\/127\.0\.0\.1:(\d+)\/xfs4iot\/v1\.0\/$/.exec(announced.atm);
    expect(atm, announced.atm).not.toBeNull();
    expect(Number(atm?.[1])).toBeGreaterThanOrEqual(5846);
    expect(Number(atm?.[1])).toBeLessThanOrEqual(5856);
    expect(announced.bankHost).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const state = (await (await fetch(`${announced.control}/atm/state`)).json()) as { reader: { position: string }; bank: { availability: string } };
    expect(state).toMatchObject({ reader: { position: 'empty' }, bank: { availability: 'up' } });
    const decisions = await fetch(`${announced.bankHost}/control/decisions`);
    expect(decisions.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${announced.bankHost}/control/decisions`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
