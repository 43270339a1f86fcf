import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string | null {
  const fromEnv = process.env.KIOSK_BROWSER;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return candidates.find((path) => existsSync(path)) ?? null;
}

export function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/**
 * Chromium as a kiosk window on the loopback UI. A fresh profile each launch,
 * so nothing (cookies, history, autofill) outlives the run.
 */
export function openKioskBrowser(executable: string, url: string, options: { kiosk: boolean }): ChildProcess {
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-browser-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,AutofillServerCommunication',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--password-store=basic',
    ...(options.kiosk ? ['--kiosk', '--noerrdialogs', '--disable-infobars'] : ['--window-size=1280,900']),
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return spawn(executable, args, { stdio: 'ignore', detached: false });
}
