import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, seal } from './payloadCipher';

const key = randomBytes(32);

describe('the payload cipher (AES-256-GCM, txId as associated data)', () => {
  it('opens what it sealed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.string(), (bytes, aad) => {
        const sealed = seal(key, aad, Buffer.from(bytes));
        const opened = open(key, aad, sealed);
        expect(opened.ok && opened.value.equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('detects any flipped bit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (bytes, at, bit) => {
        const sealed = seal(key, 'KIOSK-1-TX', Buffer.from(bytes));
        const i = 1 + (at % (sealed.length - 1)); // past the format byte
        sealed[i] = (sealed[i] ?? 0) ^ (1 << bit);
        expect(open(key, 'KIOSK-1-TX', sealed)).toEqual({ ok: false, error: { type: 'tampered' } });
      }),
    );
  });

  it('refuses a payload moved to another txId, or opened with another key', () => {
    const sealed = seal(key, 'KIOSK-1-A', Buffer.from('{"idLast4":"0008"}'));
    expect(open(key, 'KIOSK-1-B', sealed).ok).toBe(false);
    expect(open(randomBytes(32), 'KIOSK-1-A', sealed).ok).toBe(false);
  });

  it('uses a fresh IV every time', () => {
    const a = seal(key, 't', Buffer.from('same'));
    const b = seal(key, 't', Buffer.from('same'));
    expect(a.equals(b)).toBe(false);
  });
});
