import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../common/result';
import { makeBankCard, makeNationalIdCard } from '../lab/cards';
import type { ChipProtocol, VirtualChip } from './virtualCard';
import {
  DEFAULT_ID_CARD_CONFIG,
  decodeIdentityFile,
  encodeIdentityFile,
  idCardConfigSchema,
  readNationalId,
} from './nationalIdCard';

const hex = (text: string): Uint8Array => Uint8Array.from(text.split(' '), (pair) => Number.parseInt(pair, 16));

function viaChip(chip: VirtualChip, protocol: ChipProtocol) {
  const log: Uint8Array[] = [];
  chip.reset();
  const transmit = async (apdu: Uint8Array): Promise<Result<Uint8Array, never>> => {
    log.push(apdu);
    return ok(chip.transmit(apdu, protocol));
  };
  return { log, transmit };
}

describe('identity file (ID_CARD.md)', () => {
  it('encodes the documented example byte for byte', () => {
    const documented = hex('70 19 80 01 01 81 0a 31 30 30 30 30 30 30 30 30 38 82 08 32 30 33 30 31 32 33 31');
    expect(encodeIdentityFile({ documentType: 'nationalId', idNumber: '1000000008', expiry: '2030-12-31' })).toEqual(documented);
    expect(decodeIdentityFile(documented)).toEqual(ok({ documentType: 'nationalId', idNumber: '1000000008', expiry: '2030-12-31' }));
  });

  it('skips unknown tags and takes fields in any order', () => {
    const file = hex('70 16 99 02 ff ff 82 08 32 30 32 39 30 32 32 38 80 01 02 81 03 32 33 34');
    expect(decodeIdentityFile(file)).toEqual(ok({ documentType: 'iqama', idNumber: '234', expiry: '2029-02-28' }));
  });

  it.each([
    ['another template', hex('6f 00'), { type: 'notAnIdentityFile', tag: 0x6f }],
    ['a length past the end', hex('70 05 80 01'), { type: 'notAnIdentityFile', tag: 0x70 }],
    ['a missing expiry', hex('70 06 80 01 01 81 01 31'), { type: 'missingField', field: 'expiry' }],
    ['an unknown document type', hex('70 10 80 01 07 81 01 31 82 08 32 30 33 30 31 32 33 31'), { type: 'badField', field: 'documentType' }],
    ['30 February', hex('70 10 80 01 01 81 01 31 82 08 32 30 33 30 30 32 33 30'), { type: 'badField', field: 'expiry' }],
  ])('refuses %s with a typed error', (_name, bytes, error) => {
    expect(decodeIdentityFile(bytes)).toEqual(err(error));
  });

  it('property: any bytes decode or give a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const result = decodeIdentityFile(bytes);
        if (!result.ok) expect(['notAnIdentityFile', 'badLength', 'missingField', 'badField']).toContain(result.error.type);
      }),
      { numRuns: 10000 },
    );
  });

  it('reads AID and file id from configuration as hex, refusing malformed values', () => {
    expect(idCardConfigSchema.parse({ aid: 'F04B494F534B4944', identityFileId: '0101' })).toEqual(DEFAULT_ID_CARD_CONFIG);
    expect(idCardConfigSchema.safeParse({ aid: 'F04B', identityFileId: '0101' }).success).toBe(false);
  });
});

describe('reading the national ID chip', () => {
  it.each(['T1', 'T0'] as const)('gets ID number and expiry over %s with SELECT AID, SELECT EF, READ BINARY', async (protocol) => {
    const card = makeNationalIdCard('1000000008', '2030-12-31');
    if (!card.chip) throw new Error('ID card without chip');
    const { log, transmit } = viaChip(card.chip, protocol);
    expect(await readNationalId(transmit)).toEqual(ok({ documentType: 'nationalId', idNumber: '1000000008', expiry: '2030-12-31' }));
    expect(log[0]).toEqual(hex('00 a4 04 0c 08 f0 4b 49 4f 53 4b 49 44'));
    expect(log[1]).toEqual(hex('00 a4 02 0c 02 01 01'));
    expect(log[2]).toEqual(hex('00 b0 00 00 00'));
    // T=0 answers the over-long Le with 6C1B, and the read is repeated with Le = 27.
    expect(log.length).toBe(protocol === 'T0' ? 4 : 3);
  });

  it('uses the configured AID and file id', async () => {
    const config = { aid: hex('a0 00 00 09 99 01'), identityFileId: 0x2f01 };
    const card = makeNationalIdCard('2000000006', '2027-06-30', config);
    if (!card.chip) throw new Error('ID card without chip');
    expect(await readNationalId(viaChip(card.chip, 'T1').transmit)).toMatchObject(err({ type: 'applicationNotFound', sw: 0x6a82 }));
    expect(await readNationalId(viaChip(card.chip, 'T1').transmit, config)).toEqual(
      ok({ documentType: 'iqama', idNumber: '2000000006', expiry: '2027-06-30' }),
    );
  });

  it('says applicationNotFound for a bank card chip', async () => {
    const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
    if (!card.chip) throw new Error('bank card without chip');
    expect(await readNationalId(viaChip(card.chip, 'T0').transmit)).toEqual(err({ type: 'applicationNotFound', sw: 0x6a82 }));
  });
});
