import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err } from '../../common/result';
import { REPORT_LENGTH, buildMagtekReport, parseMagtekReport } from './report';

const TRACK1 = '%B4111111111111111^DOE/JOHN^30122010000000?';
const TRACK2 = ';4111111111111111=30122010000000?';

describe('MagTek 337-byte report', () => {
  it('puts status, lengths, encode type and tracks at the offsets of DEVICES.md §3', () => {
    const report = buildMagtekReport([{ text: TRACK1 }, { text: TRACK2 }, {}], 'isoAba');
    expect(report.length).toBe(337);
    expect([...report.subarray(0, 7)]).toEqual([0, 0, 0, TRACK1.length, TRACK2.length, 0, 0]);
    expect(String.fromCharCode(...report.subarray(7, 7 + TRACK1.length))).toBe(TRACK1);
    expect(String.fromCharCode(...report.subarray(117, 117 + TRACK2.length))).toBe(TRACK2);
    expect(report.subarray(227).every((byte) => byte === 0)).toBe(true);
  });

  it('parses a swipe into decode status, encode type and ASCII tracks', () => {
    const report = buildMagtekReport([{ text: TRACK1 }, { status: 1 }, {}], 'isoAba');
    expect(parseMagtekReport(report)).toEqual({
      ok: true,
      value: { encodeType: 'isoAba', tracks: [{ kind: 'data', text: TRACK1 }, { kind: 'decodeError', status: 1 }, { kind: 'empty' }] },
    });
  });

  it('refuses a report of the wrong length', () => {
    expect(parseMagtekReport(new Uint8Array(336))).toEqual(err({ type: 'wrongLength', length: 336 }));
  });

  it('refuses a track length beyond the 110-byte field', () => {
    const report = buildMagtekReport([{}, {}, {}], 'none');
    report[4] = 111;
    expect(parseMagtekReport(report)).toEqual(err({ type: 'trackLengthOutOfRange', track: 2, length: 111 }));
  });

  it('refuses an encode type the reader does not define, and control bytes in a track', () => {
    const report = buildMagtekReport([{ text: TRACK1 }, {}, {}], 'isoAba');
    report[6] = 2;
    expect(parseMagtekReport(report)).toEqual(err({ type: 'unknownEncodeType', value: 2 }));
    report[6] = 0;
    report[8] = 0x07;
    expect(parseMagtekReport(report)).toEqual(err({ type: 'notText', track: 1 }));
  });

  it('property: any buffer gives a swipe or a typed error, never an exception', () => {
    const lengths = fc.oneof(fc.constant(REPORT_LENGTH), fc.integer({ min: 0, max: 400 }));
    fc.assert(
      fc.property(lengths.chain((length) => fc.uint8Array({ minLength: length, maxLength: length })), (bytes) => {
        const result = parseMagtekReport(bytes);
        if (!result.ok) expect(['wrongLength', 'trackLengthOutOfRange', 'unknownEncodeType', 'notText']).toContain(result.error.type);
      }),
      { numRuns: 10000 },
    );
  });

  it('property: build then parse gives the tracks back', () => {
    const track = fc.option(fc.stringMatching(/^[\x20-\x7e]{1,110}$/), { nil: undefined });
    fc.assert(
      fc.property(track, track, track, (t1, t2, t3) => {
        const report = buildMagtekReport([{ text: t1 }, { text: t2 }, { text: t3 }], 'isoAba');
        const parsed = parseMagtekReport(report);
        const expected = (text: string | undefined) => (text === undefined ? { kind: 'empty' } : { kind: 'data', text });
        expect(parsed).toEqual({ ok: true, value: { encodeType: 'isoAba', tracks: [expected(t1), expected(t2), expected(t3)] } });
      }),
      { numRuns: 10000 },
    );
  });
});
