import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeContactStatus,
  decodeExternalInputs,
  decodeI2cStatus,
  decodePathSensors,
  decodeReaderSensors,
  decodeReaderType,
  decodeSamStatus,
  decodeSensorLevels,
  decodeTrackPresence,
  decodeTwoDigits,
  decodeWriteResults,
  encodeContactStatus,
  encodeExternalInputs,
  encodeI2cStatus,
  encodePathSensors,
  encodeReaderSensors,
  encodeReaderType,
  encodeSamStatus,
  encodeSensorLevels,
  encodeTrackPresence,
  encodeTwoDigits,
  encodeWriteResults,
  sensorVolts,
  type TrackWriteResult,
} from './replyData';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

const pathSensors = fc.record({ gateSwitch: fc.boolean(), shutter: fc.boolean(), pd1: fc.boolean(), pd2: fc.boolean(), pd3: fc.boolean() });
const readerSensors = fc.record({
  gateSwitch: fc.boolean(),
  shutter: fc.boolean(),
  pd1: fc.boolean(),
  pd2: fc.boolean(),
  pd3: fc.boolean(),
  preHeadFlux: fc.boolean(),
  icPosition: fc.boolean(),
  icContact: fc.boolean(),
  captureBox: fc.boolean(),
  lifeExceeded: fc.boolean(),
  entry: fc.constantFrom('disabled' as const, 'anyCard' as const, 'magneticOnly' as const),
});
const capability = fc.constantFrom('none' as const, 'readOnly' as const, 'readWrite' as const);
const contact = fc.record({ active: fc.boolean(), volts: fc.constantFrom(3 as const, 5 as const), clockMHz: fc.constantFrom(0 as const, 3.58 as const, 7.16 as const) });
const writeResult: fc.Arbitrary<TrackWriteResult> = fc.oneof(
  fc.record({ kind: fc.constant('written' as const), verify: fc.constantFrom('good' as const, 'weak' as const, 'weaker' as const) }),
  fc.record({ kind: fc.constant('failed' as const), code: fc.constantFrom('20', '22', '24', '25', '29') }),
  fc.record({ kind: fc.constant('notWritten' as const) }),
);

describe('reply data layouts round-trip', () => {
  it('sensor bytes: Se and Se1 Se0 Se2 Se3 keep the fixed 010 high bits', () => {
    fc.assert(
      fc.property(pathSensors, readerSensors, (path, all) => {
        const se = encodePathSensors(path);
        expect(se[0]! & 0xe0).toBe(0x40);
        expect(decodePathSensors(se)).toEqual({ ok: true, value: path });
        const four = encodeReaderSensors(all);
        expect([...four].map((byte) => byte & 0xe0)).toEqual([0x40, 0x40, 0x40, 0x40]);
        expect(decodeReaderSensors(four)).toEqual({ ok: true, value: all });
      }),
    );
  });

  it('track presence, two-digit counters, the reader type code and write results', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 99 }), (one, two, three, n) => {
        expect(decodeTrackPresence(encodeTrackPresence({ 1: one, 2: two, 3: three }))).toEqual({ ok: true, value: { 1: one, 2: two, 3: three } });
        expect(decodeTwoDigits(encodeTwoDigits(n))).toEqual({ ok: true, value: n });
      }),
    );
    fc.assert(
      fc.property(fc.record({ 1: capability, 2: capability, 3: capability }), fc.constantFrom('none' as const, 'present' as const, 'vccError' as const), fc.boolean(), (tracks, ic, hiCoWrite) => {
        const code = encodeReaderType({ tracks, ic, hiCoWrite });
        expect(code).toHaveLength(16);
        expect(decodeReaderType(code)).toEqual({ ok: true, value: { tracks, ic, hiCoWrite } });
      }),
    );
    fc.assert(
      fc.property(writeResult, writeResult, writeResult, (a, b, c) => {
        expect(decodeWriteResults(encodeWriteResults([a, b, c]))).toEqual({ ok: true, value: [a, b, c] });
      }),
    );
  });

  it('ICC, SAM and I2C status bytes, external inputs and sensor levels', () => {
    fc.assert(
      fc.property(contact, fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const), (status, selected) => {
        expect(decodeContactStatus(Uint8Array.of(encodeContactStatus(status)))).toEqual({ ok: true, value: status });
        expect(decodeSamStatus(encodeSamStatus({ ...status, selected }))).toEqual({ ok: true, value: { ...status, selected } });
      }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(3 as const, 5 as const), fc.constantFrom(1 as const, 2 as const), (active, volts, addressBytes) => {
        expect(decodeI2cStatus(encodeI2cStatus({ active, volts, addressBytes }))).toEqual({ ok: true, value: { active, volts, addressBytes } });
      }),
    );
    fc.assert(
      fc.property(fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()), fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50)), (inputs, tenths) => {
        expect(decodeExternalInputs(encodeExternalInputs(inputs))).toEqual({ ok: true, value: inputs });
        const volts = tenths.map((t) => t / 10) as unknown as readonly [number, number, number, number];
        const sent = encodeSensorLevels(volts);
        expect(sent.every((byte) => byte >= 0x30 && byte <= 0x39)).toBe(true);
        expect(decodeSensorLevels(sent)).toEqual({ ok: true, value: volts });
      }),
    );
  });

  it('decoders refuse data of the wrong shape instead of guessing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), (junk) => {
        // Never throws; either a value or a badData error.
        for (const decode of [decodeReaderSensors, decodeTrackPresence, decodeTwoDigits, decodeReaderType, decodeSamStatus, decodeWriteResults]) {
          const result = decode(junk);
          if (!result.ok) expect(result.error.type).toBe('badData');
        }
      }),
    );
    expect(decodeTrackPresence(ascii('012'))).toMatchObject({ ok: false, error: { layout: 'ISO#1 ISO#2 ISO#3' } });
    expect(decodeReaderSensors(Uint8Array.of(0x40, 0x40))).toMatchObject({ ok: false });
  });
});

describe('reply data as the manual writes it', () => {
  it('Se: a card at the gate on SW1 and beneath the shutter is 0 1 0 1 1 0 0 0', () => {
    expect(decodePathSensors(Uint8Array.of(0b0101_1000))).toEqual({
      ok: true,
      value: { gateSwitch: true, shutter: true, pd1: false, pd2: false, pd3: false },
    });
  });

  it('Se3: EBL with Phd is entry for magnetic cards, EBL alone any card', () => {
    const se3 = (byte: number): unknown => decodeReaderSensors(Uint8Array.of(0x48, 0x40, 0x40, byte));
    expect(se3(0b0100_0110)).toMatchObject({ ok: true, value: { entry: 'magneticOnly', captureBox: true } });
    expect(se3(0b0100_0100)).toMatchObject({ ok: true, value: { entry: 'anyCard' } });
    expect(se3(0b0100_0010)).toMatchObject({ ok: true, value: { entry: 'disabled' } });
  });

  it('the counter "90" is ct10 = 39H, ct1 = 30H; a level of E5H is 4.5 V sent as 34H 35H', () => {
    expect(encodeTwoDigits(90)).toEqual(ascii('90'));
    expect(sensorVolts(0xe5)).toBe(4.4);
    expect(encodeSensorLevels([4.5, 0, 0, 0]).slice(0, 2)).toEqual(Uint8Array.of(0x34, 0x35));
  });

  it('write results are separated by 7EH: "P0" + Vf, "N" + 2x, "X00"', () => {
    expect(decodeWriteResults(ascii('P00~N22~X00'))).toEqual({
      ok: true,
      value: [{ kind: 'written', verify: 'good' }, { kind: 'failed', code: '22' }, { kind: 'notWritten' }],
    });
  });
});
