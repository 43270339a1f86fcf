/**
 * kiosk-update: `node out/updater/index.js [--config=/etc/kiosk/config.json]
 * [--state=/var/lib/kiosk-update/state.json] [--control-socket=/run/kiosk/control.sock]
 * [--restart-command='systemctl restart kiosk-core.service'] [--poll-seconds=5] [--write-sources]`.
 * Run as root by kiosk-update.service (its timer); see updater.ts for what one run does.
 * --write-sources only writes the apt source file from the configuration (the package's postinst).
 * Exit 0 after any outcome it reported (deferred and refused included), 1 when it could not run, 2 on a wrong command line.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { sleep } from '../../../common/time';
import { updatesConfigSchema } from '../config/schema';
import { Apt, KeptVersions, sourcesFile } from './apt';
import { CoreClient } from './coreClient';
import { runUpdater } from './updater';

const say = (message: string) => process.stderr.write(`kiosk-update: ${message}\n`);

function fail(code: number, message: string): never {
  say(message);
  process.exit(code);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        config: { type: 'string', default: '/etc/kiosk/config.json' },
        state: { type: 'string', default: '/var/lib/kiosk-update/state.json' },
        'control-socket': { type: 'string', default: '/run/kiosk/control.sock' },
        'restart-command': { type: 'string', default: 'systemctl restart kiosk-core.service' },
        'poll-seconds': { type: 'string', default: '5' },
        'write-sources': { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(2, error instanceof Error ? error.message : String(error));
  }
}

/** Only what the updater needs of the kiosk's configuration; the core checks the rest. */
const configSchema = z.object({ kioskId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/), updates: updatesConfigSchema.optional() });

async function main(): Promise<void> {
  const args = readArgs();
  const pollMs = Number(args['poll-seconds']) * 1000;
  if (!Number.isFinite(pollMs) || pollMs <= 0) fail(2, `--poll-seconds must be a positive number (got ${args['poll-seconds']})`);
  let config;
  try {
    const parsed = configSchema.safeParse(JSON.parse(await readFile(args.config, 'utf8')));
    if (!parsed.success) fail(1, `${args.config}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    config = parsed.data;
  } catch (error) {
    fail(1, `${args.config}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!config.updates) {
    say(`no "updates" repository in ${args.config}: nothing to do`);
    return;
  }

  // The kiosk's apt source, from the configuration: rewritten when the configuration changed.
  const sources = join(await Apt.sourceParts(), 'kiosk.sources');
  const wanted = sourcesFile(config.updates);
  const current = await readFile(sources, 'utf8').catch(() => '');
  if (current !== wanted) {
    await writeFile(sources, wanted, { mode: 0o644 });
    say(`wrote ${sources}`);
  }
  if (args['write-sources']) return;

  const [restartProgram = 'systemctl', ...restartArgs] = args['restart-command'].split(' ').filter(Boolean);
  const outcome = await runUpdater({
    apt: new Apt(sources),
    core: new CoreClient(args['control-socket']),
    kept: new KeptVersions(join(dirname(args.state), 'kept')),
    restartCore: () =>
      new Promise((resolve) => {
        execFile(restartProgram, restartArgs, (error, _stdout, stderr) => resolve({ ok: !error, detail: error ? `${error.message} ${stderr}` : '' }));
      }),
    statePath: args.state,
    kioskId: config.kioskId,
    now: () => Date.now(),
    sleep,
    pollMs,
    log: say,
  });
  say(`outcome: ${outcome}`);
}

await main();
