import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { journeyStates } from './journeys/stateList';
import { startCore } from './start';
import type { RunningCore } from './start';

/**
 * The demo core as `npm start` runs it (simulated lab, embedded central),
 * for what only start-up wires: the journey-state trace the e2e coverage
 * report reads.
 */

let running: RunningCore | undefined;
let dir = '';

afterEach(async () => {
  await running?.stop();
  running = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function demoCore(env: NodeJS.ProcessEnv): Promise<RunningCore> {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-start-'));
  running = await startCore({
    overrides: { profile: 'demo', devices: { simulated: true }, central: { embedded: true }, log: { level: 'silent' }, store: { dataDir: join(dir, 'data') } },
    env,
  });
  return running;
}

describe('startCore, demo', () => {
  it('KIOSK_JOURNEY_TRACE gets each journey state entered, once, names only', async () => {
    const trace = join(await mkdtemp(join(tmpdir(), 'kiosk-trace-')), 'states.txt');
    const { core } = await demoCore({ KIOSK_JOURNEY_TRACE: trace });
    // The kiosk serves people once its devices are up.
    await vi.waitFor(() => core.api.startSession({ trigger: 'touch' }), { timeout: 15_000, interval: 100 });
    // The journeys are offered once central has answered.
    await vi.waitFor(() => core.api.startJourney({ service: 'signIn' }), { timeout: 15_000, interval: 100 });
    await core.api.cancelJourney({});
    await core.api.startJourney({ service: 'signIn' });
    const lines = (await readFile(trace, 'utf8')).trim().split('\n');
    expect(lines).toContain('signIn.credentials');
    expect(new Set(lines).size, 'each state once').toBe(lines.length);
    const known = new Set(journeyStates('signIn'));
    for (const line of lines) expect(known.has(line), `${line} is a state name`).toBe(true);
    await rm(trace, { force: true });
  }, 30_000);

  it('stops once however often it is asked: a second signal during shutdown is no crash (the database is closed once)', async () => {
    const core = await demoCore({});
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const first = core.stop();
      const second = core.stop();
      expect(second).toBe(first);
      await expect(Promise.all([first, second])).resolves.toBeDefined();
      await expect(core.stop()).resolves.toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 30_000);
});
