import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Escapes a URL for an HTML attribute. */
function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page Chromium opens first: it only moves on to the real URL, which
 * carries the per-launch token. It lives in the browser's fresh profile dir
 * (mode 0700, made by mkdtemp) as a 0600 file, so the token never appears on
 * a command line that any local user can read with `ps`.
 */
export function writeLaunchPage(profileDir: string, url: string): string {
  const page = join(profileDir, 'launch.html');
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${attribute(url)}"><title>Kiosk</title>\n`, {
    mode: 0o600,
  });
  return page;
}

/** Chromium's sandbox cannot run as root; anywhere else it stays on. */
export function sandboxArgs(uid: number | undefined, warn: (message: string) => void): string[] {
  if (uid !== 0) return [];
  warn('kiosk: running as root, so Chromium is started with --no-sandbox (its sandbox refuses root); run the kiosk as an unprivileged user to keep the sandbox\n');
  return ['--no-sandbox'];
}

interface KioskBrowserOptions {
  readonly kiosk: boolean;
  readonly warn?: (message: string) => void;
}

/**
 * Chromium as a kiosk window on the loopback UI. A fresh profile each launch,
 * so nothing (cookies, history, autofill) outlives the run.
 */
export function openKioskBrowser(executable: string, url: string, options: KioskBrowserOptions): ChildProcess {
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-browser-'));
  const launchPage = writeLaunchPage(profile, url);
  const args = [
    `--app=file://${launchPage}`,
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
    ...sandboxArgs(process.getuid?.(), options.warn ?? ((message) => process.stderr.write(message))),
  ];
  const child = spawn(executable, args, { stdio: 'ignore', detached: false });
  // The page has done its work once the window has loaded it; the profile (and the file) go when the browser does.
  const forget = setTimeout(() => rmSync(launchPage, { force: true }), 15_000);
  forget.unref();
  child.once('exit', () => {
    clearTimeout(forget);
    rmSync(profile, { recursive: true, force: true });
  });
  return child;
}
