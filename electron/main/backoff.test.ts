import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialMs: 500, maxMs: 10_000 };

  it('starts at the initial delay and doubles', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, policy))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never passes the cap, however many attempts', () => {
    expect(backoffDelay(5, policy)).toBe(10_000);
    expect(backoffDelay(10_000, policy)).toBe(10_000);
  });

  it('treats a negative or fractional attempt as the first', () => {
    expect(backoffDelay(-3, policy)).toBe(500);
    expect(backoffDelay(0.7, policy)).toBe(500);
  });
});
