import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../luhn';
import { technicianCardNumber } from './technicianCard';
import { decodeTechnicianTrack3, encodeTechnicianTrack3, TRACK3_MAX, verifierInput } from './technicianCardSecret';

const CARD_1001 = '9999010000010010';
const secretArb = fc.uint8Array({ minLength: 16, maxLength: 16 });
const cardArb = fc.integer({ min: 1, max: 999_999_999 }).map((id) => technicianCardNumber(String(id))!);

describe('technician card secret on track 3', () => {
  it('check vectors (independently computed: Python int.from_bytes and Luhn)', () => {
    expect(technicianCardNumber('1001')).toBe(CARD_1001);
    expect(encodeTechnicianTrack3(CARD_1001, new Uint8Array(16))).toBe(';999999010000010010=0000000000000000000000000000000000000000?');
    expect(encodeTechnicianTrack3(CARD_1001, new Uint8Array(16).fill(0xff))).toBe(';999999010000010010=3402823669209384634633746074317682114554?');
    const counting = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(encodeTechnicianTrack3(CARD_1001, counting)).toBe(';999999010000010010=0000052331006062428060509553957313612959?');
    expect(decodeTechnicianTrack3('999999010000010010=0000052331006062428060509553957313612959')).toEqual({ ok: true, value: { cardNumber: CARD_1001, secret: counting } });
  });

  it('round-trips any secret on any technician card, with or without sentinels, within track 3', () => {
    fc.assert(
      fc.property(cardArb, secretArb, fc.boolean(), (card, secret, strip) => {
        const track = encodeTechnicianTrack3(card, secret);
        expect(track.length).toBeLessThanOrEqual(TRACK3_MAX);
        expect(track).toMatch(/^;[0-9=]+\?$/);
        const read = decodeTechnicianTrack3(strip ? track.slice(1, -1) : track);
        expect(read).toEqual({ ok: true, value: { cardNumber: card, secret } });
      }),
    );
  });

  it('any one digit misread is caught (a typed error, never another secret)', () => {
    fc.assert(
      fc.property(cardArb, secretArb, fc.nat(), fc.integer({ min: 1, max: 9 }), (card, secret, where, delta) => {
        const track = encodeTechnicianTrack3(card, secret);
        const digitsAt = [...track].flatMap((ch, i) => (i > 2 && /[0-9]/.test(ch) ? [i] : []));
        const at = digitsAt[where % digitsAt.length]!;
        const garbled = `${track.slice(0, at)}${(Number(track[at]) + delta) % 10}${track.slice(at + 1)}`;
        const read = decodeTechnicianTrack3(garbled);
        expect(read.ok).toBe(false);
        if (!read.ok) expect(['badCardNumber', 'checkDigit', 'outOfRange']).toContain(read.error.type);
      }),
    );
  });

  it('garbled tracks get typed errors', () => {
    expect(decodeTechnicianTrack3(`;${'9'.repeat(110)}?`)).toMatchObject({ ok: false, error: { type: 'tooLong', max: 104 } });
    expect(decodeTechnicianTrack3(';99ABC?')).toMatchObject({ ok: false, error: { type: 'badFormat', reason: 'characters' } });
    expect(decodeTechnicianTrack3(';019999010000010010=0000000000000000000000000000000000000000?')).toMatchObject({ ok: false, error: { type: 'badFormat', reason: 'formatCode' } });
    expect(decodeTechnicianTrack3(';9999990100000100100000000000000000000000000000000000000000?')).toMatchObject({ ok: false, error: { type: 'badFormat', reason: 'separator' } });
    expect(decodeTechnicianTrack3(';999999010000010010=000000000000000000000000000000000000000?')).toMatchObject({ ok: false, error: { type: 'badFormat', reason: 'length' } });
    expect(decodeTechnicianTrack3(';999999010000010011=0000000000000000000000000000000000000000?')).toMatchObject({ ok: false, error: { type: 'badCardNumber' } });
    expect(decodeTechnicianTrack3('')).toMatchObject({ ok: false, error: { type: 'badFormat' } });
    // 2^128 on the track: 39 digits, a valid check digit, but not a 128-bit secret.
    const over = '340282366920938463463374607431768211456';
    const check = luhnCheckDigit(`${CARD_1001}${over}`);
    expect(decodeTechnicianTrack3(`;99${CARD_1001}=${over}${check}?`)).toMatchObject({ ok: false, error: { type: 'outOfRange' } });
  });

  it('verifier input is the PIN digits then the 16 secret bytes', () => {
    expect([...verifierInput('2468', new Uint8Array(16).fill(7))]).toEqual([0x32, 0x34, 0x36, 0x38, ...Array(16).fill(7)]);
    expect(() => verifierInput('12a4', new Uint8Array(16))).toThrow(RangeError);
    expect(() => verifierInput('1234', new Uint8Array(15))).toThrow(RangeError);
  });
});
