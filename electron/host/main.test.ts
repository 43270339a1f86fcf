import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

/** The host's command line as a person types it: a wrong option is one clear line and exit 2, before anything starts. */
function host(...args: string[]): { status: number | null; stderr: string } {
  const run = spawnSync(`${root}node_modules/.bin/tsx`, ['electron/host/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stderr: run.stderr };
}

describe('browser host command line', () => {
  it('--mode=atm says the ATM mode is not built yet, instead of running a government kiosk', () => {
    const { status, stderr } = host('--browser=none', '--mode=atm');
    expect(status).toBe(2);
    expect(stderr).toBe('kiosk: --mode=atm: the bank-ATM mode is not built yet; only --mode=government runs today\n');
  });

  it('an unknown option is named in one line with the options there are, not a stack trace', () => {
    const { status, stderr } = host('--colour=blue');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^kiosk: Unknown option '--colour'.*\(options: --browser, --port, --config, --profile, --renderer-dir, --mode, --demo\)\n$/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });
}, 120_000);
