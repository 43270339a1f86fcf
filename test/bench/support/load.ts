import { createRequire } from 'node:module';
import { Pool } from 'undici';
import { z } from 'zod';
import { percentile } from './stats';

/** autocannon ships no types: the call returns a thenable instance that emits each response (time in ms, float). */
type Instance = PromiseLike<unknown> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Instance;

const resultSchema = z.object({ requests: z.object({ average: z.number(), total: z.number() }), non2xx: z.number(), errors: z.number(), timeouts: z.number(), duration: z.number() });

export interface LoadResult {
  /** Requests answered a second. */
  rate: number;
  total: number;
  /** Latencies from autocannon's own float timings (its histogram rounds to whole ms). */
  p50: number;
  p99: number;
  failed: number;
}

export interface Target {
  url: string;
  tls: { ca: string; cert: string; key: string };
  body: string;
}

/** `seconds` of POSTs as fast as 20 connections go (autocannon): the throughput. */
export async function flatOut(target: Target, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({ url: target.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: target.body, connections: 20, duration: seconds, tlsOptions: target.tls });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = resultSchema.parse(await instance);
  return { rate: result.requests.total / result.duration, total: result.requests.total, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed: result.non2xx + result.errors + result.timeouts };
}

const pools = new WeakMap<Target, Pool>();
/** One keep-alive pool of 20 mTLS connections per target, kept across runs as kiosks keep theirs. */
function poolFor(target: Target): Pool {
  let pool = pools.get(target);
  if (!pool) {
    pool = new Pool(new URL(target.url).origin, { connections: 20, connect: { ...target.tls } });
    pools.set(target, pool);
  }
  return pool;
}

export async function closePools(...targets: Target[]): Promise<void> {
  await Promise.all(targets.map((t) => pools.get(t)?.close()));
}

/**
 * `seconds` of POSTs sent open-loop at `rate` a second, evenly spaced (autocannon's rate limit sends each second's
 * quota as one burst, so its latencies measure the burst). A latency runs from the moment the request was due, not
 * when it went out, so a server (or a load generator) that falls behind shows it instead of hiding it.
 */
export async function load(target: Target, seconds: number, rate: number): Promise<LoadResult> {
  const pool = poolFor(target);
  const path = new URL(target.url).pathname;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  let failed = 0;
  let sent = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      while (sent < total && started + sent * interval <= performance.now()) {
        const due = started + sent * interval;
        sent += 1;
        pending.push(
          pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json' }, body: target.body }).then(
            async (response) => {
              await response.body.dump();
              if (response.statusCode >= 200 && response.statusCode < 300) latencies.push(performance.now() - due);
              else failed += 1;
            },
            () => {
              failed += 1;
            },
          ),
        );
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  return { rate: latencies.length / elapsed, total: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed };
}

/** A step held: at least 95 % of the asked rate answered, nothing failed, p99 within `p99Ms` (no queue building up). */
const held = (step: LoadResult, rate: number, p99Ms: number) => step.rate >= rate * 0.95 && step.failed === 0 && step.p99 <= p99Ms;

/**
 * The highest rate `target` held for `seconds`: from `from`, climbing ×1.3 while steps are held (or coming down ×0.7
 * until one is), then halving the gap to the nearest missed rate twice. A step that misses is tried once more before
 * it counts. Only a rate that was held is ever reported (0 if none was).
 */
export async function highestHeld(target: Target, from: number, p99Ms: number, seconds: number): Promise<{ rate: number; log: string[] }> {
  const log: string[] = [];
  const attempt = async (asked: number): Promise<boolean> => {
    const rate = Math.round(asked);
    for (let tries = 1; tries <= 2; tries += 1) {
      const step = await load(target, seconds, rate);
      const ok = held(step, rate, p99Ms);
      log.push(`${rate} asked: ${Math.round(step.rate)} done, p99 ${step.p99.toFixed(1)} ms, ${step.failed} failed → ${ok ? 'held' : 'missed'}`);
      if (ok) return true;
    }
    return false;
  };
  let good = 0;
  let bad = 0;
  if (await attempt(from)) {
    good = from;
    for (let rate = from * 1.3; bad === 0 && rate < 100_000; rate *= 1.3) {
      if (await attempt(rate)) good = rate;
      else bad = rate;
    }
  } else {
    bad = from;
    for (let rate = from * 0.7, i = 0; good === 0 && i < 6; rate *= 0.7, i += 1) {
      if (await attempt(rate)) good = rate;
      else bad = rate;
    }
  }
  if (good === 0) return { rate: 0, log };
  // Three halvings of the last step (1.3×): the rate found is within 4 % of the edge, not 8 %.
  for (let i = 0; i < 3 && bad > 0; i += 1) {
    const middle = (good + bad) / 2;
    if (await attempt(middle)) good = middle;
    else bad = middle;
  }
  return { rate: Math.round(good), log };
}
