import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../common/result';
import { atrProtocols, encodeCommandApdu, parseResponseApdu, readBinary, selectByAid, selectFile, statusWord, transceive } from './apdu';

const hex = (text: string): Uint8Array => Uint8Array.from(text.split(' '), (pair) => Number.parseInt(pair, 16));

describe('command APDUs', () => {
  it('builds SELECT by AID without response data', () => {
    expect(selectByAid(hex('a0 00 00 00 03'))).toEqual(ok(hex('00 a4 04 0c 05 a0 00 00 00 03')));
  });

  it('builds SELECT of an EF by file id', () => {
    expect(selectFile(0x0101)).toEqual(ok(hex('00 a4 02 0c 02 01 01')));
  });

  it('builds READ BINARY with offset in P1P2 and a short Le (256 as 00)', () => {
    expect(readBinary(0x0123, 16)).toEqual(ok(hex('00 b0 01 23 10')));
    expect(readBinary(0, 256)).toEqual(ok(hex('00 b0 00 00 00')));
  });

  it('refuses what a short APDU cannot carry, as typed errors', () => {
    expect(selectByAid(hex('a0 00'))).toEqual(err({ type: 'aidLength', length: 2 }));
    expect(readBinary(0x8000, 1)).toEqual(err({ type: 'offsetOutOfRange', offset: 0x8000 }));
    expect(readBinary(0, 257)).toEqual(err({ type: 'leOutOfRange', le: 257 }));
    expect(encodeCommandApdu({ cla: 0, ins: 0x100, p1: 0, p2: 0 })).toEqual(err({ type: 'headerByte', field: 'ins', value: 0x100 }));
    expect(encodeCommandApdu({ cla: 0, ins: 0, p1: 0, p2: 0, data: new Uint8Array(256) })).toEqual(err({ type: 'dataTooLong', length: 256 }));
  });

  it('property: the encoded length is header + (Lc + data) + (Le), and Lc/Le sit where ISO 7816-3 puts them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 255 }), fc.option(fc.integer({ min: 1, max: 256 }), { nil: undefined }), (data, le) => {
        const built = encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 1, p2: 2, data, ...(le === undefined ? {} : { le }) });
        if (!built.ok) throw new Error('valid input refused');
        const bytes = built.value;
        expect(bytes.length).toBe(4 + (data.length ? 1 + data.length : 0) + (le === undefined ? 0 : 1));
        if (data.length) expect(bytes[4]).toBe(data.length);
        if (le !== undefined) expect(bytes.at(-1)).toBe(le & 0xff);
      }),
      { numRuns: 10000 },
    );
  });
});

describe('response APDUs', () => {
  it('splits data from SW1 SW2', () => {
    expect(parseResponseApdu(hex('01 02 90 00'))).toEqual(ok({ data: hex('01 02'), sw: 0x9000, status: { kind: 'ok' } }));
  });

  it('types the status words the kiosk acts on', () => {
    expect(statusWord(0x6110)).toEqual({ kind: 'moreData', available: 16 });
    expect(statusWord(0x6c1b)).toEqual({ kind: 'wrongLe', exact: 27 });
    expect(statusWord(0x6282)).toEqual({ kind: 'endOfFile' });
    expect(statusWord(0x6a82)).toEqual({ kind: 'error', sw: 0x6a82, meaning: 'fileNotFound' });
    expect(statusWord(0x6982)).toEqual({ kind: 'error', sw: 0x6982, meaning: 'securityNotSatisfied' });
  });

  it('refuses a response without a status word', () => {
    expect(parseResponseApdu(hex('90'))).toEqual(err({ type: 'tooShort', length: 1 }));
  });

  it('property: any bytes parse to a response or a tooShort error; data + SW give the bytes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const parsed = parseResponseApdu(bytes);
        if (!parsed.ok) {
          expect(bytes.length).toBeLessThan(2);
          return;
        }
        expect([...parsed.value.data, parsed.value.sw >>> 8, parsed.value.sw & 0xff]).toEqual([...bytes]);
      }),
      { numRuns: 10000 },
    );
  });
});

describe('transceive (T=0 conventions)', () => {
  const scripted = (answers: Uint8Array[]) => {
    const sent: Uint8Array[] = [];
    const transmit = async (apdu: Uint8Array): Promise<Result<Uint8Array, 'gone'>> => {
      sent.push(apdu);
      const answer = answers.shift();
      return answer ? ok(answer) : err('gone');
    };
    return { sent, transmit };
  };

  it('follows 61xx with GET RESPONSE and joins the data', async () => {
    const card = scripted([hex('61 03'), hex('aa bb cc 90 00')]);
    const result = await transceive(card.transmit, hex('00 a4 04 00 02 f0 01 00'));
    expect(result).toEqual(ok({ data: hex('aa bb cc'), sw: 0x9000, status: { kind: 'ok' } }));
    expect(card.sent[1]).toEqual(hex('00 c0 00 00 03'));
  });

  it('resends the same command with Le = xx after 6Cxx', async () => {
    const card = scripted([hex('6c 1b'), new Uint8Array([...new Uint8Array(27), 0x90, 0x00])]);
    const result = await transceive(card.transmit, hex('00 b0 00 00 00'));
    expect(result.ok && result.value.data.length).toBe(27);
    expect(card.sent[1]).toEqual(hex('00 b0 00 00 1b'));
  });

  it('passes a transport failure through as a typed error', async () => {
    const card = scripted([]);
    expect(await transceive(card.transmit, hex('00 b0 00 00 00'))).toEqual(err({ type: 'transport', error: 'gone' }));
  });

  it('gives up on a card that answers 61xx for ever', async () => {
    const transmit = async (): Promise<Result<Uint8Array, never>> => ok(hex('61 01'));
    expect(await transceive(transmit, hex('00 b0 00 00 00'))).toEqual(err({ type: 'tooManyRounds' }));
  });
});

describe('ATR protocols', () => {
  it('finds T=1 in TD1 and T=0 when no TD is present', () => {
    expect(atrProtocols(hex('3b 85 01 4b 49 4f 53 4b d1'))).toEqual(['T1']);
    expect(atrProtocols(hex('3b 60 00 00'))).toEqual(['T0']);
    expect(atrProtocols(hex('3b 80 80 01 01'))).toEqual(['T0', 'T1']);
  });
});
