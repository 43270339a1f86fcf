import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));

it('`npm run lab` prints one JSON line first, serves until SIGTERM, then removes its ptys', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', () => reject(new Error('the lab exited before printing its first line')));
    });
    const announced = JSON.parse(first) as { control: string; devices: { fingerprint: string; cardSlot: string } };
    expect(announced.control).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(announced.devices.fingerprint)).toBe(true);
    expect(existsSync(announced.devices.cardSlot)).toBe(true);
    const state = (await (await fetch(`${announced.control}/state`)).json()) as { cardSlot: { plugged: boolean } };
    expect(state.cardSlot.plugged).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(announced.devices.fingerprint)).toBe(false);
    expect(existsSync(announced.devices.cardSlot)).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
