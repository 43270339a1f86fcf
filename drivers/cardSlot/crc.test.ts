import { describe, expect, it } from 'vitest';
import { crc16Xmodem } from './crc';

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('CRC-16/XMODEM', () => {
  it('gives FACE for the DEVICES.md vector: STX, LEN 0008 and the text "C0032400"', () => {
    const frameHead = Uint8Array.of(0xf2, 0x00, 0x08, ...bytes('C0032400'));
    expect(crc16Xmodem(frameHead)).toBe(0xface);
  });

  it('gives C52A for the framed status request "C10"', () => {
    expect(crc16Xmodem(Uint8Array.of(0xf2, 0x00, 0x03, 0x43, 0x31, 0x30))).toBe(0xc52a);
  });

  it('matches the catalogue check value 31C3 for "123456789"', () => {
    expect(crc16Xmodem(bytes('123456789'))).toBe(0x31c3);
  });

  it('continues over slices as if over the whole buffer', () => {
    const data = bytes('C0032400');
    expect(crc16Xmodem(data, 4, 8, crc16Xmodem(data, 0, 4))).toBe(crc16Xmodem(data));
  });
});
