import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../../central/server';
import { writeIdentity } from '../../electron/core/store/identity';
import { openTempStore } from '../../electron/core/store/testing/tempStore';
import { centralOutbox, enrolKiosk, startTestCentral } from '../../electron/core/sync/testing/centralFixture';
import { bundledEntry } from '../testing/bundledEntry';

/**
 * The outbox's promise under the worst a kiosk meets short of a dead disk: the
 * process is SIGKILLed 50 times at random moments while it writes events and
 * sends them. Every event the child saw committed must reach central exactly
 * once; nothing it never tried to write may arrive.
 */
const kills = 50;
// A hang detector sized by the work, not a speed check: each kill starts a fresh Node process that opens SQLite
// (about 1 s alone, several on a loaded 2-core machine), so the budget grows with the number of kills.
const perKillBudgetMs = 8_000;
const seed = Number(process.env['SIGKILL_SEED'] ?? Date.now() % 1_000_000);

let central: RunningCentral;
let closeCentral: () => Promise<void>;
let bundle: string;

beforeAll(async () => {
  ({ central, close: closeCentral } = await startTestCentral());
  // One esbuild bundle instead of tsx per start (51 starts).
  bundle = await bundledEntry('test/faults/outboxSigkillChild.ts');
});

afterAll(async () => {
  await closeCentral?.();
});

let rng = seed || 1;
function random(): number {
  rng = (rng * 1_103_515_245 + 12_345) % 2 ** 31;
  return rng / 2 ** 31;
}

interface Run {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

function runChild(mode: 'churn' | 'drain', args: string[], attempted: Map<string, number>, committed: Set<string>, lines: string[]): Run {
  const child = spawn(process.execPath, [bundle, mode, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [word, txId, seq] = line.split(' ');
    if (word === 'READY') markReady();
    else if (word === 'ATTEMPT' && txId) attempted.set(txId, Number(seq));
    else if (word === 'COMMITTED' && txId) committed.add(txId);
    else lines.push(line);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== null && code !== 0) lines.push(`exit ${code}: ${stderr.join('')}`);
      markReady();
      resolve(code);
    }),
  );
  return { child, ready, exited };
}

describe('the outbox under SIGKILL', () => {
  it(`delivers every committed event exactly once across ${kills} kills (seed ${seed})`, { timeout: kills * perKillBudgetMs + 60_000 }, async () => {
    const store = await openTempStore();
    const identity = await enrolKiosk(central);
    await store.store.write((tx) => writeIdentity(tx, store.masterKey, identity));
    await store.store.close();
    const args = [store.path, central.url, store.masterKey.toString('base64')];
    const attempted = new Map<string, number>();
    const committed = new Set<string>();
    const lines: string[] = [];

    for (let i = 0; i < kills; i++) {
      const run = runChild('churn', [...args, String(seed + i)], attempted, committed, lines);
      await run.ready;
      // Some kills land mid-write, some mid-send, some while central is committing a batch.
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(random() * 250)));
      run.child.kill('SIGKILL');
      await run.exited;
    }
    expect(lines.filter((l) => l.startsWith('exit'))).toEqual([]);

    const drain = runChild('drain', [...args, String(seed)], attempted, committed, lines);
    expect(await drain.exited).toBe(0);
    expect(lines).toContain('DRAINED 0');

    const stored = await centralOutbox(central, identity.kioskId);
    expect(committed.size).toBeGreaterThan(kills);
    // Every event reported committed arrived, once.
    const missing = [...committed].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect([...stored.values()].every((s) => s.count === 1)).toBe(true);
    // Nothing arrived that the child never tried to write, and what arrived is what it wrote.
    const strangers = [...stored.keys()].filter((id) => !attempted.has(id));
    expect(strangers).toEqual([]);
    const garbled = [...stored.entries()].filter(([id, s]) => (JSON.parse(s.payload) as { seq: number }).seq !== attempted.get(id));
    expect(garbled).toEqual([]);

    await rm(store.dir, { recursive: true, force: true });
  });
});
