import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHAR_FILE_LENGTH, crc16CcittFalse, decodeCharFile, encodeCharFile, MAX_MINUTIAE } from './charFile';
import type { Minutia } from './fingers';

describe('synthetic char file (TEMPLATE.md)', () => {
  it('uses CRC-16/CCITT-FALSE, check value 29B1 over "123456789"', () => {
    expect(crc16CcittFalse(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });

  it('lays out header, records, padding and checksum exactly as documented', () => {
    const bytes = encodeCharFile({ quality: 87, minutiae: [{ x: 300 - 45, y: 287, angle: 90, type: 'bifurcation' }] });
    expect(bytes).toHaveLength(CHAR_FILE_LENGTH);
    expect([...bytes.subarray(0, 10)]).toEqual([0x53, 0x46, 0x01, 87, 0x01, 0x00, 0x01, 0x20, 1, 0]);
    expect([...bytes.subarray(10, 16)]).toEqual([0x00, 0xff, 0x01, 0x1f, 64, 2]);
    expect(bytes.subarray(16, 510).every((b) => b === 0)).toBe(true);
    const crc = crc16CcittFalse(bytes, 510);
    expect([bytes[510], bytes[511]]).toEqual([crc >> 8, crc & 0xff]);
  });

  it('round-trips any set of minutiae to within the 1.4° angle step', () => {
    const minutia = fc.record({
      x: fc.integer({ min: 0, max: 255 }),
      y: fc.integer({ min: 0, max: 287 }),
      angle: fc.double({ min: 0, max: 359.9, noNaN: true }),
      type: fc.constantFrom('ending' as const, 'bifurcation' as const),
    });
    fc.assert(
      fc.property(fc.array(minutia, { maxLength: MAX_MINUTIAE }), fc.integer({ min: 0, max: 100 }), (minutiae: Minutia[], quality) => {
        const decoded = decodeCharFile(encodeCharFile({ quality, minutiae }));
        if (!decoded.ok) throw new Error(decoded.error.type);
        expect(decoded.value.quality).toBe(quality);
        decoded.value.minutiae.forEach((m, i) => {
          const original = minutiae[i];
          expect([m.x, m.y, m.type]).toEqual([original?.x, original?.y, original?.type]);
          const gap = Math.abs((((m.angle - (original?.angle ?? 0)) % 360) + 540) % 360 - 180);
          expect(gap).toBeLessThanOrEqual(0.71);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a damaged or foreign file with a typed error, never a wrong template', () => {
    const good = encodeCharFile({ quality: 50, minutiae: [{ x: 1, y: 2, angle: 3, type: 'ending' }] });
    const flipped = good.slice();
    flipped[12] = (flipped[12] ?? 0) ^ 1;
    expect(decodeCharFile(flipped)).toEqual({ ok: false, error: { type: 'badChecksum' } });
    expect(decodeCharFile(new Uint8Array(512))).toEqual({ ok: false, error: { type: 'notSynthetic' } });
    expect(decodeCharFile(good.subarray(0, 100))).toEqual({ ok: false, error: { type: 'wrongLength', length: 100 } });
  });
});
