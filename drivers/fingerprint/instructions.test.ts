import { describe, expect, it } from 'vitest';
import { CONFIRMATIONS, describeConfirmation, refusal } from './instructions';

describe('confirmation codes', () => {
  it('every code the module can send maps to a distinct typed reason and a message for a technician', () => {
    const reasons = Object.values(CONFIRMATIONS).map((c) => c.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const { message } of Object.values(CONFIRMATIONS)) expect(message.length).toBeGreaterThan(10);
  });

  it('turns a refusal code into a typed error naming the instruction', () => {
    expect(refusal('search', 0x09)).toEqual({
      type: 'refused',
      reason: 'notFound',
      code: 0x09,
      instruction: 'search',
      message: 'No matching fingerprint in the library',
    });
  });

  it('keeps an unknown code as a typed value with its number, not a crash', () => {
    expect(describeConfirmation(0x7e)).toEqual({ reason: 'unknownCode', message: 'The module answered with unknown code 0x7e' });
    expect(refusal('genImg', 0x7e)).toMatchObject({ reason: 'unknownCode', code: 0x7e });
  });
});
