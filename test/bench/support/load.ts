import { Pool } from 'undici';
import { percentile } from './stats';

export interface LoadResult {
  /** Requests answered a second. */
  rate: number;
  total: number;
  p50: number;
  p99: number;
  failed: number;
  /** Each answered request's latency (ms), in the order answered. */
  latencies: number[];
}

/** What a run of `latencies` answered and `failed` failed, begun at `started` (performance.now()), comes to. */
function summed(latencies: number[], failed: number, started: number): LoadResult {
  const elapsed = (performance.now() - started) / 1000;
  return { rate: latencies.length / elapsed, total: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed, latencies };
}

export interface Target {
  url: string;
  tls: { ca: string; cert: string; key: string };
  body: string;
}

const pools = new WeakMap<Target, Pool>();
const CONNECTIONS = 20;

/** One keep-alive pool of 20 mTLS connections per target, kept across runs as kiosks keep theirs. */
function poolFor(target: Target): Pool {
  let pool = pools.get(target);
  if (!pool) {
    pool = new Pool(new URL(target.url).origin, { connections: CONNECTIONS, connect: { ...target.tls } });
    pools.set(target, pool);
  }
  return pool;
}

export async function closePools(...targets: Target[]): Promise<void> {
  await Promise.all(targets.map((t) => pools.get(t)?.close()));
}

/** One POST on the target's pool: its latency in ms from `from`, or undefined when it failed (a non-2xx answer too). */
async function post(target: Target, from: number): Promise<number | undefined> {
  try {
    const response = await poolFor(target).request({ path: new URL(target.url).pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body: target.body });
    await response.body.dump();
    return response.statusCode >= 200 && response.statusCode < 300 ? performance.now() - from : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `seconds` of POSTs as fast as 20 connections go, each sending its next when its last is answered (closed loop): the
 * throughput. The same client and pool as `load`, so a rate held there and this one are the same generator's (with
 * autocannon here, central's held rate read 1.00 of its flat-out rate quiet and 0.72 beside `stress-ng`: on the one free
 * core the two generators' own costs differ).
 */
export async function flatOut(target: Target, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const lane = async (): Promise<void> => {
    while (performance.now() < end) {
      const latency = await post(target, performance.now());
      if (latency === undefined) failed += 1;
      else latencies.push(latency);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  return summed(latencies, failed, started);
}

/**
 * `seconds` of POSTs sent open-loop at `rate` a second, evenly spaced (autocannon's rate limit sends each second's
 * quota as one burst, so its latencies measure the burst). A latency runs from the moment the request was due, not
 * when it went out, so a server (or a load generator) that falls behind shows it instead of hiding it.
 */
export async function load(target: Target, seconds: number, rate: number): Promise<LoadResult> {
  const [result] = await loadSideBySide([target], seconds, rate);
  return result!;
}

/**
 * `load` on several targets at once, each at `rate`, their requests interleaved (the k-th target's due k/n of an
 * interval after the first's): each sees the same moments of the machine, its stalls and the generator's lateness.
 */
export async function loadSideBySide(targets: readonly Target[], seconds: number, rate: number): Promise<LoadResult[]> {
  const sides = targets.map(() => ({ latencies: [] as number[], failed: 0 }));
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds) * targets.length;
  const interval = 1000 / rate / targets.length;
  let sent = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      while (sent < total && started + sent * interval <= performance.now()) {
        const due = started + sent * interval;
        const side = sides[sent % targets.length]!;
        const target = targets[sent % targets.length]!;
        sent += 1;
        pending.push(
          post(target, due).then((latency) => {
            if (latency === undefined) side.failed += 1;
            else side.latencies.push(latency);
          }),
        );
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  return sides.map((side) => summed(side.latencies, side.failed, started));
}

/** A step held: at least 95 % of the asked rate answered, nothing failed, p99 within `p99Ms` (no queue building up). */
const held = (step: LoadResult, rate: number, p99Ms: number) => step.rate >= rate * 0.95 && step.failed === 0 && step.p99 <= p99Ms;

/**
 * The highest rate `target` held for `seconds`: from `from`, climbing ×1.3 while steps are held (or coming down ×0.7
 * until one is), then halving the gap to the nearest missed rate three times. A step that misses is tried once more before
 * it counts. Only a rate that was held is ever reported (0 if none was); `answered` is the most the target answered a
 * second in any step (in a step it missed, what it could do asked for more).
 */
async function highestHeld(target: Target, from: number, p99Ms: number, seconds: number): Promise<{ rate: number; log: string[]; answered: number }> {
  const log: string[] = [];
  let answered = 0;
  const attempt = async (asked: number): Promise<boolean> => {
    const rate = Math.round(asked);
    for (let tries = 1; tries <= 2; tries += 1) {
      const step = await load(target, seconds, rate);
      answered = Math.max(answered, step.rate);
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
  if (good === 0) return { rate: 0, log, answered };
  // Three halvings of the last step (1.3×): the rate found is within 4 % of the edge, not 8 %.
  for (let i = 0; i < 3 && bad > 0; i += 1) {
    const middle = (good + bad) / 2;
    if (await attempt(middle)) good = middle;
    else bad = middle;
  }
  return { rate: Math.round(good), log, answered };
}

/** Held rates, each beside what the target answered when asked for more, search by search. */
export interface HeldAgainstAnswered {
  held: number[];
  answered: number[];
  log: string[];
}

/**
 * How near its throughput a target keeps its latency, measured one way: `searches` step searches for the highest rate
 * held at p99 ≤ `p99Ms` (the later ones from just under the first's rate, so they climb less), each followed by a step
 * asking 1.5× the rate it held; each search's baseline is the most the target answered in its own steps and that one.
 * Subject and baseline come from the same open-loop generator in the same minute. Set against a closed-loop flat-out
 * run instead (20 connections, each sending when answered), the ratio moved with the machine, not the server: beside
 * stress-ng central answered more open-loop than closed-loop (2,763 against 2,439 req/s) and quiet less (1,970 against
 * 2,557), so one pair read 0.77 quiet and 1.18 loaded; the fleet's flat-out runs, minutes from its searches, read
 * 432–1,022 req/s on one loaded machine.
 */
export async function heldAgainstAnswered(target: Target, from: number, p99Ms: number, stepSeconds: number, searches = 3): Promise<HeldAgainstAnswered> {
  const out: HeldAgainstAnswered = { held: [], answered: [], log: [] };
  for (let i = 0; i < searches; i += 1) {
    const start = i === 0 ? from : Math.max(50, Math.round((out.held[0] ?? from) * 0.8));
    const search = await highestHeld(target, start, p99Ms, stepSeconds);
    if (search.rate === 0) throw new Error(`no rate held from ${start} req/s down: ${search.log.join('; ')}`);
    const over = await load(target, stepSeconds, Math.round(search.rate * 1.5));
    if (over.failed > 0) throw new Error(`${over.failed} requests failed asked 1.5× the held rate`);
    out.held.push(search.rate);
    out.answered.push(Math.max(search.answered, over.rate));
    out.log.push(`held ${search.rate}, answered at most ${Math.round(Math.max(search.answered, over.rate))} (asked ${Math.round(search.rate * 1.5)}: ${Math.round(over.rate)} done, p99 ${over.p99.toFixed(0)} ms)`);
  }
  return out;
}
