import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoPinKey } from './demoKeys';
import { decipherPinBlock, encipherPinBlock, type PinBlockFormat } from './pinBlock';

const pins = fc.stringMatching(/^[0-9]{4,12}$/);
const pans = fc.stringMatching(/^[0-9]{13,19}$/);
const formats = fc.constantFrom<PinBlockFormat>('iso0', 'iso4');
const keys = fc.uint8Array({ minLength: 16, maxLength: 16 });

function enciphered(format: PinBlockFormat, pin: string, pan: string, key: Uint8Array): string {
  const block = encipherPinBlock({ format, pin, pan, key });
  if (!block.ok) throw new Error(`could not encipher: ${block.error.type}`);
  return block.value;
}

describe('PIN blocks, for any PIN and PAN', () => {
  it('round-trip in both formats under the demo keys', () => {
    fc.assert(
      fc.property(formats, pins, pans, (format, pin, pan) => {
        const key = demoPinKey(format);
        const block = enciphered(format, pin, pan, key);
        expect(block).toMatch(format === 'iso0' ? /^[0-9A-F]{16}$/ : /^[0-9A-F]{32}$/);
        expect(decipherPinBlock({ format, block, pan, key })).toEqual({ ok: true, value: { pin } });
      }),
    );
  });

  it('round-trip under any key', () => {
    fc.assert(
      fc.property(formats, keys, pins, pans, (format, key, pin, pan) => {
        expect(decipherPinBlock({ format, block: enciphered(format, pin, pan, key), pan, key })).toEqual({ ok: true, value: { pin } });
      }),
    );
  });

  it('never give the same PIN back under a wrong key', () => {
    fc.assert(
      fc.property(formats, pins, pans, keys, (format, pin, pan, wrongKey) => {
        fc.pre(Buffer.compare(Buffer.from(wrongKey), Buffer.from(demoPinKey(format))) !== 0);
        const block = enciphered(format, pin, pan, demoPinKey(format));
        const read = decipherPinBlock({ format, block, pan, key: wrongKey });
        expect(read.ok && read.value.pin === pin).toBe(false);
      }),
    );
  });

  it('detect a one-bit change, or read another PIN', () => {
    fc.assert(
      fc.property(formats, pins, pans, fc.nat(), (format, pin, pan, bitSeed) => {
        const key = demoPinKey(format);
        const bytes = Buffer.from(enciphered(format, pin, pan, key), 'hex');
        const bit = bitSeed % (bytes.length * 8);
        bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        const read = decipherPinBlock({ format, block: bytes.toString('hex'), pan, key });
        expect(read.ok && read.value.pin === pin).toBe(false);
      }),
    );
  });
});
