import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchEventLoop } from './startParts';

describe('watchEventLoop', () => {
  afterEach(() => vi.useRealTimers());

  it('warns once when a tick comes late by the threshold or more, and not for ordinary lateness', () => {
    vi.useFakeTimers();
    let clock = 0;
    const warn = vi.fn();
    const stop = watchEventLoop({ warn }, { everyMs: 500, lateMs: 2_000, now: () => clock });
    clock += 500 + 300; // a busy machine: 300 ms late
    vi.advanceTimersByTime(500);
    expect(warn).not.toHaveBeenCalled();
    clock += 500 + 2_400; // held for 2.4 s
    vi.advanceTimersByTime(500);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toEqual({ event: 'core.eventLoop.held', ms: 2_400 });
    clock += 500;
    vi.advanceTimersByTime(500);
    expect(warn).toHaveBeenCalledTimes(1);
    stop();
    clock += 10_000;
    vi.advanceTimersByTime(10_000);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
