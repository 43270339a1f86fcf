import { expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

it('doubles the reconnect delay per failed attempt, up to the cap', () => {
  const policy = { baseMs: 250, capMs: 2_000 };
  expect([0, 1, 2, 3, 4, 50].map((attempt) => reconnectDelay(policy, attempt))).toEqual([250, 500, 1000, 2000, 2000, 2000]);
});
