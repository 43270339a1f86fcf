import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type StatusBits,
  type StatusQuery,
  combineStatus,
  decodeInOrderPaperStatus,
  decodeStatus,
  encodeInOrderPaperStatus,
  encodeStatus,
  isInOrderStatusByte,
  isRealTimeStatusByte,
  statusRequest,
} from './status';

const query = fc.constantFrom<StatusQuery>(1, 2, 3, 4);

const statusBits: fc.Arbitrary<StatusBits> = fc.oneof(
  fc.record({ query: fc.constant(1 as const), offline: fc.boolean(), waitingForRecovery: fc.boolean(), feedButtonPressed: fc.boolean(), drawerPinHigh: fc.boolean() }),
  fc.record({ query: fc.constant(2 as const), coverOpen: fc.boolean(), feeding: fc.boolean(), paperEndStop: fc.boolean(), error: fc.boolean() }),
  fc.record({ query: fc.constant(3 as const), recoverable: fc.boolean(), cutterError: fc.boolean(), unrecoverable: fc.boolean(), autoRecoverable: fc.boolean() }),
  fc.record({ query: fc.constant(4 as const), nearEnd: fc.boolean(), paperOut: fc.boolean() }),
);

describe('DLE EOT status decoder', () => {
  it('decodes every byte of every query to a typed status or a typed garbled answer, never throwing', () => {
    fc.assert(
      fc.property(query, fc.integer({ min: -1000, max: 1000 }), (n, byte) => {
        const decoded = decodeStatus(n, byte);
        if (decoded.kind === 'garbled') {
          expect(decoded).toEqual({ kind: 'garbled', query: n, byte });
          expect(byte < 0 || byte > 255 || !isRealTimeStatusByte(byte)).toBe(true);
        } else {
          expect(decoded.bits.query).toBe(n);
          for (const [key, value] of Object.entries(decoded.bits)) if (key !== 'query') expect(typeof value).toBe('boolean');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('of the 256 bytes, exactly the 16 with the fixed bits 0xx1xx10 are status, for each query', () => {
    for (const n of [1, 2, 3, 4] as const) {
      const good = Array.from({ length: 256 }, (_, byte) => byte).filter((byte) => decodeStatus(n, byte).kind === 'status');
      expect(good).toHaveLength(16);
      expect(good.every((byte) => (byte & 0x93) === 0x12)).toBe(true);
    }
  });

  it('gets back what the simulator encoded', () => {
    fc.assert(
      fc.property(statusBits, (bits) => {
        expect(decodeStatus(bits.query, encodeStatus(bits))).toEqual({ kind: 'status', bits });
      }),
    );
  });

  it('reads the datasheet bytes: 0x12 online, 0x1E offline; 0x16 cover open; 0x32 paper end stop; 0x1E near end; 0x72 paper out', () => {
    expect(decodeStatus(1, 0x12)).toMatchObject({ bits: { offline: false } });
    expect(decodeStatus(1, 0x1e)).toMatchObject({ bits: { offline: true } });
    expect(decodeStatus(2, 0x16)).toMatchObject({ bits: { coverOpen: true, paperEndStop: false } });
    expect(decodeStatus(2, 0x32)).toMatchObject({ bits: { coverOpen: false, paperEndStop: true } });
    expect(decodeStatus(3, 0x1a)).toMatchObject({ bits: { cutterError: true, unrecoverable: false } });
    expect(decodeStatus(4, 0x1e)).toMatchObject({ bits: { nearEnd: true, paperOut: false } });
    expect(decodeStatus(4, 0x72)).toMatchObject({ bits: { nearEnd: false, paperOut: true } });
    expect(statusRequest(4)).toEqual(Uint8Array.of(0x10, 0x04, 0x04));
  });

  it('a GS r answer can never pass for a DLE EOT answer, nor the other way round', () => {
    for (let byte = 0; byte < 256; byte++) expect(isRealTimeStatusByte(byte) && isInOrderStatusByte(byte)).toBe(false);
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (nearEnd, paperOut) => {
        const byte = encodeInOrderPaperStatus({ nearEnd, paperOut });
        expect(isRealTimeStatusByte(byte)).toBe(false);
        expect(decodeInOrderPaperStatus(byte)).toEqual({ nearEnd, paperOut });
      }),
    );
  });

  it('combines the four answers into what a kiosk needs: paper out from either the sensor or the stop', () => {
    const printer = { query: 1, offline: true, waitingForRecovery: false, feedButtonPressed: false, drawerPinHigh: false } as const;
    const offline = { query: 2, coverOpen: false, feeding: false, paperEndStop: true, error: false } as const;
    const error = { query: 3, recoverable: false, cutterError: false, unrecoverable: false, autoRecoverable: false } as const;
    const paper = { query: 4, nearEnd: true, paperOut: false } as const;
    expect(combineStatus(printer, offline, error, paper)).toMatchObject({ online: false, paperOut: true, paperNearEnd: true, coverOpen: false });
  });
});
