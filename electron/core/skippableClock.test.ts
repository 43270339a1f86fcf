import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SkippableClock } from './skippableClock';

describe('the demo core clock, skipped ahead', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('reads real time until skipped, then real time plus everything skipped', () => {
    const clock = new SkippableClock();
    expect(clock.now()).toBe(1_000_000);
    clock.skip(60_000);
    clock.skip(5_000);
    vi.advanceTimersByTime(1_000);
    expect(clock.now()).toBe(1_066_000);
    expect(clock.skippedMs).toBe(65_000);
  });

  it('runs a timer the skip made due at once, and no other', () => {
    const clock = new SkippableClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('resend'), 60_000);
    clock.setTimeout(() => fired.push('expiry'), 300_000);
    clock.skip(61_000);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(['resend']);
    // The code's life keeps what was left of it: 239 s more.
    vi.advanceTimersByTime(238_999);
    expect(fired).toEqual(['resend']);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['resend', 'expiry']);
  });

  it('runs timers that became due together in the order they were due, ties in the order they were set', () => {
    const clock = new SkippableClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('late'), 50_000);
    clock.setTimeout(() => fired.push('first-of-two'), 10_000);
    clock.setTimeout(() => fired.push('second-of-two'), 10_000);
    clock.skip(120_000);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(['first-of-two', 'second-of-two', 'late']);
  });

  it('a cleared timer never runs, skipped or not', () => {
    const clock = new SkippableClock();
    const fn = vi.fn();
    const id = clock.setTimeout(fn, 1_000);
    clock.clearTimeout(id);
    clock.skip(10_000);
    vi.advanceTimersByTime(10_000);
    expect(fn).not.toHaveBeenCalled();
    clock.clearTimeout(undefined);
    clock.clearTimeout({});
  });

  it('only moves forward', () => {
    const clock = new SkippableClock();
    expect(() => clock.skip(0)).toThrow(RangeError);
    expect(() => clock.skip(-1)).toThrow(RangeError);
    expect(() => clock.skip(Number.NaN)).toThrow(RangeError);
    expect(clock.skippedMs).toBe(0);
  });
});
