import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FaultSwitch } from './switch';

describe('central fault switch: slow', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds a request for the delay, then lets it through', async () => {
    const faults = new FaultSwitch();
    faults.set({ mode: 'slow', delayMs: 5_000 });
    let through = false;
    void faults.hold().then(() => (through = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(through).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(through).toBe(true);
    expect(faults.decide()).toBe('pass');
  });

  it('lets every held request go at once when the setting changes, and the new setting decides it', async () => {
    const faults = new FaultSwitch();
    faults.set({ mode: 'slow', delayMs: 60_000 });
    const order: string[] = [];
    const first = faults.hold('/v1/citizens/verifications/fingerprint').then(() => order.push('first'));
    const second = faults.hold('/v1/kiosks/heartbeat').then(() => order.push('second'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual([]);
    expect(faults.heldRoutes(), 'what is held, oldest first').toEqual(['/v1/citizens/verifications/fingerprint', '/v1/kiosks/heartbeat']);
    faults.set({ mode: 'down' });
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    expect(faults.decide()).toBe('down');
    expect(vi.getTimerCount(), 'no timer is left behind').toBe(0);
    expect(faults.heldRoutes()).toEqual([]);
  });

  it('holds nothing outside slow mode', async () => {
    const faults = new FaultSwitch();
    await faults.hold();
    faults.set({ mode: 'down' });
    await faults.hold();
    expect(vi.getTimerCount()).toBe(0);
  });
});
