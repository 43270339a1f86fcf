import { parseArgs } from 'node:util';
import pino from 'pino';
import { startLab } from './lab';

/**
 * `npm run lab`: the simulated lab as a process. The first stdout line is one
 * JSON object with the control URL and the device paths (`devices`:
 * `fingerprint`, `cardSlot`, `printer` — the host ends of their pty pairs; for
 * scripts and the dev dock), and with `--atm` the ATM's publisher (`"atm":
 * "ws://127.0.0.1:<port>/xfs4iot/v1.0/"`, a port of 5846–5856 unless
 * `--atm-port` says otherwise) and the bank host (`"bankHost"`); logs go to
 * stderr. Runs until SIGINT or SIGTERM.
 */

const log = pino({ base: { service: 'kiosk-lab' }, level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      directory: { type: 'string' },
      atm: { type: 'boolean', default: false },
      'atm-port': { type: 'string' },
      'atm-take-timeout-ms': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  const atmPort = values['atm-port'] === undefined ? undefined : Number(values['atm-port']);
  const takeTimeoutMs = values['atm-take-timeout-ms'] === undefined ? undefined : Number(values['atm-take-timeout-ms']);
  const isPort = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n >= 0 && n <= 65_535);
  if (!isPort(port) || !isPort(atmPort) || (takeTimeoutMs !== undefined && !(Number.isInteger(takeTimeoutMs) && takeTimeoutMs > 0))) {
    process.stderr.write('usage: lab [--port N] [--directory DIR] [--atm [--atm-port N] [--atm-take-timeout-ms MS]]\n');
    process.exit(2);
  }
  const lab = await startLab({
    port,
    ...(values.directory ? { directory: values.directory } : {}),
    ...(values.atm
      ? { atm: { ...(atmPort === undefined ? {} : { port: atmPort }), ...(takeTimeoutMs === undefined ? {} : { takeTimeoutMs }) }, log }
      : {}),
  });
  const atm = lab.atm ? { atm: lab.atm.publisherUrl, bankHost: lab.atm.bankHostUrl } : {};
  process.stdout.write(`${JSON.stringify({ control: lab.controlUrl, devices: lab.devices, ...atm })}\n`);
  log.info({ event: 'lab.started', control: lab.controlUrl, people: lab.people.length, cards: lab.cards.length }, 'lab started');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'lab.stopping', signal }, 'lab stopping');
    void lab.close().then(() => {
      log.flush();
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  log.error({ event: 'lab.failed', err: error instanceof Error ? error : new Error(String(error)) }, 'lab failed to start');
  log.flush();
  process.exit(1);
});
