import { afterEach, describe, expect, it, vi } from 'vitest';
import { backgroundClock, sleep, systemClock, type Clock } from './time';

afterEach(() => vi.useRealTimers());

describe('sleep', () => {
  it('resolves true once the whole time has passed on the clock it is given', async () => {
    vi.useFakeTimers();
    let done: boolean | undefined;
    void sleep(1_000).then((whole) => (done = whole));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('resolves false at once when aborted, before or during, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const before = new AbortController();
    before.abort();
    expect(await sleep(60_000, { signal: before.signal })).toBe(false);
    const during = new AbortController();
    const pending = sleep(60_000, { signal: during.signal });
    during.abort();
    expect(await pending).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses an injected clock', async () => {
    const timers: Array<() => void> = [];
    const clock: Clock = { now: () => 0, setTimeout: (fn) => timers.push(fn), clearTimeout: () => undefined };
    const pending = sleep(5_000, { clock });
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(await pending).toBe(true);
  });
});

describe('clocks', () => {
  it('read the globals at call time, so fake timers installed later apply', async () => {
    vi.useFakeTimers({ now: 1_000 });
    expect(systemClock.now()).toBe(1_000);
    let fired = 0;
    systemClock.setTimeout(() => fired++, 10);
    backgroundClock.setTimeout(() => fired++, 10);
    await vi.advanceTimersByTimeAsync(10);
    expect(fired).toBe(2);
  });

  it('a background timer does not keep Node alive, and can still be cleared', () => {
    const handle = backgroundClock.setTimeout(() => undefined, 60_000) as { hasRef(): boolean };
    expect(handle.hasRef()).toBe(false);
    backgroundClock.clearTimeout(handle);
  });
});
