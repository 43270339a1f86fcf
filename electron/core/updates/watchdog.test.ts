import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServiceNotifier } from './watchdog';

/**
 * The core's systemd watchdog (kiosk-core.service: Type=notify, WatchdogSec=):
 * systemd's own notification socket played by a unix datagram listener
 * (python3), the pings sent by the real systemd-notify from a real Node
 * process, which then hangs its event loop.
 */
const root = new URL('../../..', import.meta.url).pathname;
const tools = ['/usr/bin/systemd-notify', '/usr/bin/python3'];
const missing = tools.find((tool) => spawnSync(tool, ['--version']).error);

/** Lines a child prints, and a way to wait for one that matches. */
function lines(child: ChildProcess) {
  const seen: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: () => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    seen.push(line);
    for (const w of [...waiters]) {
      if (!w.test(line)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    seen,
    waitFor: (test: (line: string) => boolean) => (seen.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }))),
    count: (text: string) => seen.filter((line) => line === text).length,
  };
}

describe.skipIf(missing !== undefined)('the systemd watchdog', () => {
  const children: ChildProcess[] = [];
  let dir = '';
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function listen() {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-notify-'));
    const socket = join(dir, 'notify.sock');
    const listener = spawn('python3', [join(root, 'electron/core/updates/testing/notifySocket.py'), socket], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(listener);
    const received = lines(listener);
    await received.waitFor((line) => line === 'listening');
    return { socket, received };
  }

  it('says READY=1, then WATCHDOG=1 again and again; a hung event loop stops them, and they come back when it runs again', async () => {
    const { socket, received } = await listen();
    const release = join(dir, 'release');
    // WatchdogSec=0.4s: a ping every 200 ms.
    const service = spawn(join(root, 'node_modules/.bin/tsx'), ['electron/core/updates/testing/notifyingService.ts'], {
      cwd: root,
      env: { ...process.env, NOTIFY_SOCKET: socket, WATCHDOG_USEC: '400000', RELEASE_FILE: release },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(service);
    const said = lines(service);
    await said.waitFor((line) => line === 'active true');
    await received.waitFor((line) => line === 'READY=1');
    await received.waitFor(() => received.count('WATCHDOG=1') >= 3);

    service.stdin!.write('hang\n');
    await said.waitFor((line) => line === 'hanging');
    const atHang = received.count('WATCHDOG=1');
    // Proving an absence takes a while: ten intervals of silence (one ping already on its way may still land).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(received.count('WATCHDOG=1') - atHang, 'pings while the event loop is hung').toBeLessThanOrEqual(1);

    writeFileSync(release, '');
    await said.waitFor((line) => line === 'released');
    const atRelease = received.count('WATCHDOG=1');
    await received.waitFor(() => received.count('WATCHDOG=1') >= atRelease + 2);
    expect(received.count('READY=1'), 'READY=1 once').toBe(1);
  });

  it('sends nothing and runs no timer when systemd did not ask (no NOTIFY_SOCKET)', () => {
    const notifier = startServiceNotifier({ env: { WATCHDOG_USEC: '400000' }, log: pino({ level: 'silent' }) });
    expect(notifier.active).toBe(false);
    notifier.ready();
    notifier.stop();
  });

  it('leaves a watchdog that names another process alone (WATCHDOG_PID), but still says READY=1', async () => {
    const { socket, received } = await listen();
    const notifier = startServiceNotifier({ env: { ...process.env, NOTIFY_SOCKET: socket, WATCHDOG_USEC: '100000', WATCHDOG_PID: String(process.pid + 1) }, log: pino({ level: 'silent' }) });
    notifier.ready();
    await received.waitFor((line) => line === 'READY=1');
    notifier.stop();
    expect(received.count('WATCHDOG=1')).toBe(0);
  });
});
