/**
 * A service for watchdog.test.ts: starts the notifier as the browser host
 * does, says READY=1, and on a line `hang` on stdin blocks its event loop
 * (busy, as a hung core would) until the file named by RELEASE_FILE exists.
 */
import { existsSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { startServiceNotifier } from '../watchdog';

const notifier = startServiceNotifier({ log: pino({ level: 'warn' }, pino.destination(2)) });
notifier.ready();
writeSync(1, `active ${notifier.active}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line !== 'hang') return;
  writeSync(1, 'hanging\n');
  const release = process.env.RELEASE_FILE ?? '';
  while (!existsSync(release)) {
    // Busy: no timer, no I/O callback runs.
  }
  writeSync(1, 'released\n');
});
