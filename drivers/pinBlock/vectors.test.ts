import { describe, expect, it } from 'vitest';
import { decipherBlock, keyCheckValue } from './cipher';
import { DEMO_PIN_KEYS, demoPinKey } from './demoKeys';
import { accountFieldIso0, panFieldIso4, pinFieldIso0, pinFieldIso4, xor } from './fields';
import { decipherPinBlock, encipherPinBlock } from './pinBlock';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();
const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

describe('format 0 (DEVICES.md §5)', () => {
  it('PIN 1234 with PAN 5544332211009966 makes the clear block 041277CDDEEFF669', () => {
    expect(hex(xor(pinFieldIso0('1234'), accountFieldIso0('5544332211009966')))).toBe('041277CDDEEFF669');
  });

  it('enciphers that clear block under the demo TDES key, and reads PIN 1234 back', () => {
    const block = encipherPinBlock({ format: 'iso0', pin: '1234', pan: '5544332211009966', key: demoPinKey('iso0') });
    expect(block.ok).toBe(true);
    if (!block.ok) return;
    expect(hex(decipherBlock('tdes', demoPinKey('iso0'), bytes(block.value)))).toBe('041277CDDEEFF669');
    expect(decipherPinBlock({ format: 'iso0', block: block.value, pan: '5544332211009966', key: demoPinKey('iso0') })).toEqual({ ok: true, value: { pin: '1234' } });
  });
});

describe('format 4 (DEVICES.md §5, vectors published with knovichikhin/psec)', () => {
  const key = bytes('00112233445566778899AABBCCDDEEFF');
  const pan = '1234567890123456';

  it('builds the PIN and PAN fields as ISO 9564-1:2017 lays them out', () => {
    expect(hex(pinFieldIso4('1234', bytes('548ED7FD65495950')))).toBe('441234AAAAAAAAAA548ED7FD65495950');
    expect(hex(panFieldIso4('112233445566778899'))).toBe('61122334455667788990000000000000');
  });

  it('enciphers PIN 1234 with fixed random fill to the published block', () => {
    expect(encipherPinBlock({ format: 'iso4', pin: '1234', pan, key, random: bytes('1122334455667788') })).toEqual({
      ok: true,
      value: '7CDF645C86CAF763AE34637A66997534',
    });
  });

  it('deciphers the published block to a PIN field 441234AAAAAAAAAA… and PIN 1234', () => {
    const block = 'E4BE5B623AF7E006AC319E5B93544564';
    const pinField = decipherBlock('aes', key, xor(decipherBlock('aes', key, bytes(block)), panFieldIso4(pan)));
    expect(hex(pinField).slice(0, 16)).toBe('441234AAAAAAAAAA');
    expect(decipherPinBlock({ format: 'iso4', block, pan, key })).toEqual({ ok: true, value: { pin: '1234' } });
    expect(decipherPinBlock({ format: 'iso4', block: block.toLowerCase(), pan, key })).toEqual({ ok: true, value: { pin: '1234' } });
  });

  it('makes a different block each time for the same PIN (random fill)', () => {
    const first = encipherPinBlock({ format: 'iso4', pin: '1234', pan, key });
    const second = encipherPinBlock({ format: 'iso4', pin: '1234', pan, key });
    expect(first.ok && second.ok && first.value !== second.value).toBe(true);
  });
});

describe('key check values', () => {
  it('match the published KCVs of the demo keys', () => {
    expect(keyCheckValue(demoPinKey('iso0'), 'tdes')).toBe('08D7B4');
    expect(keyCheckValue(demoPinKey('iso4'), 'aes')).toBe('FDE4FB');
    expect(DEMO_PIN_KEYS.iso0.kcv).toBe('08D7B4');
    expect(DEMO_PIN_KEYS.iso4.kcv).toBe('FDE4FB');
  });

  it('refuses a key of the wrong length', () => {
    expect(() => keyCheckValue(new Uint8Array(8), 'tdes')).toThrow(RangeError);
    expect(() => keyCheckValue(new Uint8Array(20), 'aes')).toThrow(RangeError);
  });
});
