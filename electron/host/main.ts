/**
 * The browser host: `node out/host/index.js [--browser=auto|none|chromium]
 * [--port=N] [--config=file.json] [--profile=demo|production] [--mode=government|atm]
 * [--demo] [--url-file=path]`. Prints
 * `Kiosk UI: <url>` on stdout (after, in the demo, where its lab, central and
 * simulated ATM listen); logs go to stderr.
 */
import { rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config/load';
import { startCore } from '../core/start';
import { startControlSocket } from '../core/updates/controlSocket';
import { startServiceNotifier } from '../core/updates/watchdog';
import type { RunningCore } from '../core/start';
import { findChromium, hasDisplay, openKioskBrowser } from './browser';
import { startBrowserHost } from './server';

const here = dirname(fileURLToPath(import.meta.url));

function fail(message: string): never {
  process.stderr.write(`kiosk: ${message}\n`);
  process.exit(2);
}

const hostOptions = {
  browser: { type: 'string', default: 'auto' },
  port: { type: 'string', default: '0' },
  config: { type: 'string' },
  profile: { type: 'string' },
  'renderer-dir': { type: 'string' },
  mode: { type: 'string' },
  /** What `npm start` runs: simulated devices and the embedded reference central. */
  demo: { type: 'boolean', default: false },
  /** Also write the launch URL (with its secret) to this file, mode 0600: the packaged kiosk's screen service reads it. */
  'url-file': { type: 'string' },
  /** The local socket the updater asks (is a customer being served, is the new version healthy) and reports its steps on. */
  'control-socket': { type: 'string' },
} as const;

function readArgs() {
  try {
    return parseArgs({ options: hostOptions, strict: true }).values;
  } catch (error) {
    // An unknown or malformed option: one line saying which, not a stack.
    return fail(`${error instanceof Error ? error.message : String(error)} (options: ${Object.keys(hostOptions).map((name) => `--${name}`).join(', ')})`);
  }
}

/** Written whole or not at all (a reader never sees half a URL), readable only by the kiosk's own user. */
async function writeLaunchUrl(path: string, url: string): Promise<void> {
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, `${url}\n`, { mode: 0o600 });
  await rename(partial, path);
}

async function main(): Promise<void> {
  const values = readArgs();
  if (values.mode !== undefined && values.mode !== 'government' && values.mode !== 'atm') fail(`--mode must be government or atm (got ${values.mode})`);
  const browser = values.browser ?? 'auto';
  if (!['auto', 'none', 'chromium'].includes(browser)) fail(`--browser must be auto, none or chromium (got ${browser})`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (got ${values.port})`);
  const overrides: Record<string, unknown> = {};
  if (values.profile) overrides.profile = values.profile;
  if (values.mode) overrides.mode = values.mode;
  if (values.demo) {
    overrides.devices = { simulated: true };
    overrides.central = { embedded: true };
  }
  if (process.env.KIOSK_CONFIG_JSON) {
    try {
      Object.assign(overrides, JSON.parse(process.env.KIOSK_CONFIG_JSON) as object);
    } catch {
      fail('KIOSK_CONFIG_JSON is not valid JSON');
    }
  }
  // At an ATM the demo's devices are a simulated ATM and bank host (the lab's ATM station), unless the JSON says otherwise.
  if (values.demo && overrides.mode === 'atm') overrides.atm = { simulated: true, ...(overrides.atm as object | undefined) };

  let running: RunningCore | undefined;
  try {
    // Under systemd (INVOCATION_ID; kiosk-core.service restarts on failure) a technician may restart the core: stop, exit 75.
    const supervised = process.env.INVOCATION_ID ? { restart: () => void running?.stop().finally(() => process.exit(75)) } : {};
    running = await startCore({ configFile: values.config ?? process.env.KIOSK_CONFIG, overrides, ...supervised });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const host = await startBrowserHost({
    core: running.core,
    rendererDir: values['renderer-dir'] ?? resolve(here, '../renderer'),
    log: running.log,
    port,
  });
  // Demo only: where the simulated lab and the embedded central listen (the dev tools and e2e specs drive them).
  if (running.lab) process.stdout.write(`Lab control: ${running.lab.controlUrl}\n`);
  if (running.central) process.stdout.write(`Central: ${running.central.url}\nCentral CA: ${running.central.caCertPath}\n`);
  if (running.atmStation) process.stdout.write(`ATM: ${running.atmStation.publisherUrl}\nBank host: ${running.atmStation.bankHostUrl}\n`);
  const control = values['control-socket']
    ? await startControlSocket({
        path: values['control-socket'],
        version: running.version,
        kioskId: running.config.kioskId,
        snapshot: () => running.core.snapshot(),
        rollout: () => running.rollout(),
        sync: running.sync,
        telemetry: running.telemetry,
        log: running.log,
        now: () => Date.now(),
        // The devices CLI's dead letters and "bin emptied"; the bin is not touched while a customer or a technician at the screen has the kiosk.
        // Each change only with the technician's PIN, checked as the overlay checks it (same lockout, audited).
        maintenance: { diagnostics: running.diagnostics, kioskBusy: () => running.core.customerSession || Boolean(running.core.snapshot().maintenance), pinCheck: running.technicianPins },
      })
    : undefined;
  if (values['url-file']) await writeLaunchUrl(values['url-file'], host.launchUrl);
  process.stdout.write(`Kiosk UI: ${host.launchUrl}\n`);
  // Under systemd (kiosk-core.service, Type=notify): ready now, then the watchdog's pings while the event loop runs.
  const notifier = startServiceNotifier({ log: running.log });
  notifier.ready();

  if (browser !== 'none') {
    const chromium = findChromium();
    if (!chromium) {
      process.stderr.write('kiosk: no Chromium found (install it with: apt-get install -y chromium); open the URL above in a browser\n');
    } else if (!hasDisplay()) {
      process.stderr.write('kiosk: no display here (DISPLAY/WAYLAND_DISPLAY unset); open the URL above in a browser\n');
    } else {
      process.stderr.write(`kiosk: opening ${chromium} in app mode\n`);
      const child = openKioskBrowser(chromium, host.launchUrl, { kiosk: running.config.profile === 'production' });
      child.on('exit', () => process.stderr.write('kiosk: the browser window closed; the host keeps running (Ctrl+C to stop)\n'));
    }
  }

  // Once: Ctrl+C reaches both this host and the npm start launcher, which passes it on.
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      notifier.stop();
      await control?.close();
      await host.close();
      await running.stop();
      process.exit(0);
    })());
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

await main();
