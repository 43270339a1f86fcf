import { describe, expect, it } from 'vitest';
import { SANKYO_ERROR_CODES, commands, decodeCommand, decodeReply, encodeCommand, encodeNegative, encodePositive, readerError } from './text';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('Sankyo command text', () => {
  it.each([
    ['initialize, card to gate', commands.initialize('cardToGate'), 'C00'],
    ['initialize, capture', commands.initialize('capture'), 'C01'],
    ['status', commands.status(), 'C10'],
    ['enable entry for any card', commands.entry('anyCard'), 'C:0'],
    ['disable entry', commands.entry('disabled'), 'C:1'],
    ['magnetic cards only', commands.entry('magneticOnly'), 'C:2'],
    ['eject to gate', commands.ejectToGate(), 'C30'],
    ['capture to the bin', commands.captureToBin(), 'C31'],
    ['retrieve', commands.retrieve(), 'C40'],
    ['read track 2', commands.readTrack(2), 'C62'],
    ['move to IC', commands.moveToIc(), 'C@0'],
    ['release IC', commands.releaseIc(), 'C@2'],
    ['activate ICC', commands.iccActivate(), 'CI0'],
    ['deactivate ICC', commands.iccDeactivate(), 'CI1'],
  ])('%s is %s', (_name, cmd, expected) => {
    expect(encodeCommand(cmd)).toEqual(ascii(expected));
  });

  it('carries a T=1 APDU as binary data after "CI4"', () => {
    const apdu = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x01, 0xf0);
    expect(encodeCommand(commands.apdu('T1', apdu))).toEqual(Uint8Array.of(...ascii('CI4'), ...apdu));
    expect(encodeCommand(commands.apdu('T0', apdu)).slice(0, 3)).toEqual(ascii('CI3'));
  });

  it('decodes what it encodes, keeping binary data', () => {
    const decoded = decodeCommand(Uint8Array.of(...ascii('CI3'), 0x00, 0xb0, 0xf2));
    expect(decoded).toEqual({ ok: true, value: { cm: 'I', pm: '3', data: Uint8Array.of(0x00, 0xb0, 0xf2) } });
  });

  it('rejects a text that is not a command', () => {
    expect(decodeCommand(ascii('P1000'))).toEqual({ ok: false, error: { type: 'unexpectedHead', head: 0x50 } });
    expect(decodeCommand(ascii('C1'))).toEqual({ ok: false, error: { type: 'tooShort', length: 2 } });
  });
});

describe('Sankyo reply text', () => {
  it('reads the card position from st1 st0 of a positive reply', () => {
    expect(decodeReply(ascii('P1000'))).toMatchObject({ ok: true, value: { kind: 'positive', cm: '1', pm: '0', position: 'noCard' } });
    expect(decodeReply(ascii('P1001'))).toMatchObject({ ok: true, value: { position: 'atGate' } });
    expect(decodeReply(ascii('P1002'))).toMatchObject({ ok: true, value: { position: 'inside' } });
  });

  it('reads the error of a negative reply at text[3..4], after the echoed cm pm', () => {
    // "N" cm=6 pm=2 e1e0=24: a reader that took text[1..2] would report "62".
    const reply = decodeReply(ascii('N6224'));
    expect(reply).toMatchObject({ ok: true, value: { kind: 'negative', cm: '6', pm: '2', error: { known: true, code: '24' } } });
  });

  it('keeps an error code DEVICES.md does not list, marked unknown', () => {
    expect(decodeReply(ascii('N10A7'))).toMatchObject({ ok: true, value: { error: { known: false, code: 'A7' } } });
  });

  it('gives every documented error code a message', () => {
    expect(SANKYO_ERROR_CODES).toEqual(
      expect.arrayContaining(['00', '01', '02', '10', '11', '13', '14', '16', '24', '30', '40', '46', '50', '61', '63', '66', 'B0']),
    );
    for (const code of SANKYO_ERROR_CODES) expect(readerError(code).message.length).toBeGreaterThan(5);
    expect(readerError('46').message).toMatch(/not taken/);
  });

  it('refuses a positive reply with a status that is not 00, 01 or 02', () => {
    expect(decodeReply(ascii('P1009'))).toEqual({ ok: false, error: { type: 'badStatus', status: '09' } });
  });

  it('round-trips positive and negative replies with data', () => {
    const atr = Uint8Array.of(0x3b, 0x85, 0x01);
    expect(decodeReply(encodePositive('I', '0', 'inside', atr))).toEqual({
      ok: true,
      value: { kind: 'positive', cm: 'I', pm: '0', position: 'inside', data: atr },
    });
    expect(decodeReply(encodeNegative('3', '0', '10'))).toMatchObject({ ok: true, value: { error: { code: '10', message: 'card jam' } } });
  });
});
