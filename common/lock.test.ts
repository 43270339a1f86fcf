import { describe, expect, it } from 'vitest';
import { SerialLock } from './lock';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SerialLock', () => {
  it('runs jobs one at a time in arrival order, and a failure does not stop the ones behind it', async () => {
    const lock = new SerialLock();
    const order: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = lock.run(() => new Promise<string>((resolve) => (releaseFirst = () => (order.push('first'), resolve('a')))));
    const second = lock.run(async () => {
      order.push('second');
      throw new Error('boom');
    });
    const third = lock.run(async () => (order.push('third'), 'c'));
    await tick();
    expect(order).toEqual([]);
    releaseFirst();
    expect(await first).toBe('a');
    await expect(second).rejects.toThrow('boom');
    expect(await third).toBe('c');
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('acquire holds the lock until released; idle waits for everything queued', async () => {
    const lock = new SerialLock();
    const release = await lock.acquire();
    let ran = false;
    const job = lock.run(async () => (ran = true));
    let idle = false;
    void lock.idle().then(() => (idle = true));
    await tick();
    expect(ran).toBe(false);
    release();
    await job;
    await tick();
    expect(ran).toBe(true);
    expect(idle).toBe(true);
  });
});
