import { parseArgs } from 'node:util';
import pino from 'pino';
import { startLab } from './lab';

/**
 * `npm run lab`: the simulated lab as a process. The first stdout line is one
 * JSON object with the control URL and the device paths (for scripts and the
 * dev dock); logs go to stderr. Runs until SIGINT or SIGTERM.
 */

const log = pino({ base: { service: 'kiosk-lab' }, level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, directory: { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write('usage: lab [--port N] [--directory DIR]\n');
    process.exit(2);
  }
  const lab = await startLab({ port, ...(values.directory ? { directory: values.directory } : {}) });
  process.stdout.write(`${JSON.stringify({ control: lab.controlUrl, devices: lab.devices })}\n`);
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
