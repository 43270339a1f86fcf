import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../common/luhn';
import { formatTrack1, formatTrack2, parseTrack1, parseTrack2, withoutSentinels } from './tracks';

const TRACK1 = '%B4111111111111111^DOE/JOHN^30122010000000?';
const TRACK2 = ';4111111111111111=30122010000000?';

describe('ISO 7813 track 1', () => {
  it('reads PAN, SURNAME/GIVEN, expiry, service code and discretionary data', () => {
    expect(parseTrack1(TRACK1)).toEqual({
      ok: true,
      value: { pan: '4111111111111111', name: { surname: 'DOE', given: 'JOHN' }, expiry: '3012', serviceCode: '201', discretionary: '0000000' },
    });
  });

  it('reads the same track without sentinels, as the Sankyo reader returns it', () => {
    expect(parseTrack1(withoutSentinels(TRACK1))).toEqual(parseTrack1(TRACK1));
  });

  it('refuses a PAN that fails Luhn', () => {
    expect(parseTrack1('%B4111111111111112^DOE/JOHN^3012201?')).toEqual({ ok: false, error: { type: 'luhn' } });
  });

  it.each([
    ['%A4111111111111111^DOE/JOHN^3012201?', 'badFormat'],
    ['%B411111111^DOE/JOHN^3012201?', 'badPan'],
    ['%B4111111111111111^DOE/JOHN^3013201?', 'badExpiry'],
    ['%B4111111111111111^DOE/JOHN^30122X1?', 'badServiceCode'],
    ['%B4111111111111111^DOE/JOHN?', 'badFormat'],
    [`%B4111111111111111^${'X'.repeat(70)}^3012201?`, 'tooLong'],
  ])('refuses %s as %s', (track, type) => {
    expect(parseTrack1(track)).toMatchObject({ ok: false, error: { type } });
  });
});

describe('ISO 7813 track 2', () => {
  it('reads PAN, expiry, service code and discretionary data', () => {
    expect(parseTrack2(TRACK2)).toEqual({
      ok: true,
      value: { pan: '4111111111111111', expiry: '3012', serviceCode: '201', discretionary: '0000000' },
    });
    expect(parseTrack2(withoutSentinels(TRACK2))).toEqual(parseTrack2(TRACK2));
  });

  it.each([
    [';4111111111111112=3012201?', 'luhn'],
    [';41111111111=3012201?', 'badPan'],
    [';4111111111111111D3012201?', 'badFormat'],
    [';4111111111111111=3000201?', 'badExpiry'],
    [`;4111111111111111=3012201${'0'.repeat(20)}?`, 'tooLong'],
  ])('refuses %s as %s', (track, type) => {
    expect(parseTrack2(track)).toMatchObject({ ok: false, error: { type } });
  });
});

const panArb = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 18 })
  .map((list) => list.join(''))
  .map((payload) => payload + (luhnCheckDigit(payload) ?? ''));
const nameWord = fc.stringMatching(/^[A-Z]{1,10}$/);
const fieldsArb = fc.record({
  pan: panArb,
  name: fc.record({ surname: nameWord, given: nameWord }),
  expiry: fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}`),
  serviceCode: fc.stringMatching(/^[0-9]{3}$/),
  discretionary: fc.stringMatching(/^[0-9]{0,8}$/),
});

describe('track properties', () => {
  it('property: format then parse gives the fields back, on both tracks, with or without sentinels', () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const track1 = parseTrack1(formatTrack1(fields));
        const track2 = parseTrack2(formatTrack2(fields));
        expect(track1).toEqual({ ok: true, value: fields });
        expect(track2).toEqual({ ok: true, value: { pan: fields.pan, expiry: fields.expiry, serviceCode: fields.serviceCode, discretionary: fields.discretionary } });
        expect(parseTrack2(withoutSentinels(formatTrack2(fields)))).toEqual(track2);
      }),
      { numRuns: 10000 },
    );
  });

  it('property: any string gives a value or a typed error, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (raw) => {
        for (const result of [parseTrack1(raw), parseTrack2(raw)]) {
          if (!result.ok) expect(['tooLong', 'badFormat', 'badPan', 'luhn', 'badExpiry', 'badServiceCode']).toContain(result.error.type);
        }
      }),
      { numRuns: 10000 },
    );
  });
});
