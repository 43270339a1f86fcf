import { describe, expect, it } from 'vitest';
import { encipherBlock } from './cipher';
import { demoPinKey } from './demoKeys';
import { accountFieldIso0, xor } from './fields';
import { decipherPinBlock, encipherPinBlock } from './pinBlock';

const PAN = '4847123412341234';
const tdes = demoPinKey('iso0');
const aes = demoPinKey('iso4');

describe('enciphering refuses what cannot be a PIN block', () => {
  it.each([
    ['a 3-digit PIN', { pin: '123' }, { type: 'pinLength', length: 3 }],
    ['a 13-digit PIN', { pin: '1234567890123' }, { type: 'pinLength', length: 13 }],
    ['a PIN with a letter', { pin: '12a4' }, { type: 'pinNotDigits' }],
    ['a PAN with a space', { pan: '4847 1234 1234 1234' }, { type: 'panNotDigits' }],
    ['a 12-digit PAN in format 0', { pan: '484712341234' }, { type: 'panLength', length: 12, min: 13, max: 19 }],
    ['a 20-digit PAN', { pan: '48471234123412341234' }, { type: 'panLength', length: 20, min: 13, max: 19 }],
    ['a single-length DES key', { key: new Uint8Array(8) }, { type: 'keyLength', length: 8 }],
  ])('%s', (_name, change, error) => {
    expect(encipherPinBlock({ format: 'iso0', pin: '1234', pan: PAN, key: tdes, ...change })).toEqual({ ok: false, error });
  });

  it('format 4 takes a 12-digit PAN but not 7 random bytes or a TDES key', () => {
    expect(encipherPinBlock({ format: 'iso4', pin: '1234', pan: '484712341234', key: aes }).ok).toBe(true);
    expect(encipherPinBlock({ format: 'iso4', pin: '1234', pan: PAN, key: aes, random: new Uint8Array(7) })).toEqual({ ok: false, error: { type: 'randomLength', length: 7 } });
    expect(encipherPinBlock({ format: 'iso4', pin: '1234', pan: PAN, key: new Uint8Array(15) })).toEqual({ ok: false, error: { type: 'keyLength', length: 15 } });
  });
});

describe('deciphering says what is wrong with a block, never what is in it', () => {
  it('refuses a block of the other format’s length, or not hex', () => {
    expect(decipherPinBlock({ format: 'iso0', block: '00'.repeat(16), pan: PAN, key: tdes })).toEqual({ ok: false, error: { type: 'blockLength', length: 32, expected: 16 } });
    expect(decipherPinBlock({ format: 'iso4', block: '00'.repeat(8), pan: PAN, key: aes })).toEqual({ ok: false, error: { type: 'blockLength', length: 16, expected: 32 } });
    expect(decipherPinBlock({ format: 'iso0', block: 'G'.repeat(16), pan: PAN, key: tdes })).toEqual({ ok: false, error: { type: 'blockNotHex' } });
  });

  it.each([
    ['control', '141234FFFFFFFFFF'],
    ['pinLength', '03123FFFFFFFFFFF'],
    ['fill', '041234FFFFFFFFFE'],
    ['pinDigits', '04123AFFFFFFFFFF'],
  ])('names the failed check (%s) of a clear field that is not a format 0 PIN field', (check, field) => {
    const block = Buffer.from(encipherBlock('tdes', tdes, xor(Buffer.from(field, 'hex'), accountFieldIso0(PAN)))).toString('hex');
    expect(decipherPinBlock({ format: 'iso0', block, pan: PAN, key: tdes })).toEqual({ ok: false, error: { type: 'clearField', check } });
  });

  it('a format 4 block read with another PAN fails (the PAN is bound into the cipher)', () => {
    const block = encipherPinBlock({ format: 'iso4', pin: '1234', pan: PAN, key: aes });
    if (!block.ok) throw new Error('setup');
    expect(decipherPinBlock({ format: 'iso4', block: block.value, pan: '4847123412341235', key: aes })).toMatchObject({ ok: false, error: { type: 'clearField' } });
  });

  it('a format 0 block read as format 4 fails its length, a format 4 block read as format 0 too', () => {
    const iso4 = encipherPinBlock({ format: 'iso4', pin: '1234', pan: PAN, key: aes });
    if (!iso4.ok) throw new Error('setup');
    expect(decipherPinBlock({ format: 'iso0', block: iso4.value, pan: PAN, key: tdes })).toMatchObject({ ok: false, error: { type: 'blockLength' } });
  });

  it('errors carry no digits of the PIN', () => {
    const block = encipherPinBlock({ format: 'iso4', pin: '97531', pan: PAN, key: aes });
    if (!block.ok) throw new Error('setup');
    const wrongPan = decipherPinBlock({ format: 'iso4', block: block.value, pan: '4847123412341235', key: aes });
    expect(JSON.stringify(wrongPan)).not.toContain('97531');
  });
});
