import { describe, expect, it } from 'vitest';
import { makeBankCard, makeTechnicianCard, technicianPan } from '../lab/cards';
import { classifyCard, idNumberKind } from './classify';

describe('card classification', () => {
  it('recognises a bank card by a Luhn-valid PAN on track 2, with the name from track 1', () => {
    const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
    expect(classifyCard({ track1: card.tracks?.track1, track2: card.tracks?.track2 })).toEqual({
      kind: 'bank',
      pan: '4111111111111111',
      expiry: '3012',
      name: { surname: 'DOE', given: 'JOHN' },
    });
  });

  it('calls a stripe with a bad PAN unknown, saying which track and why', () => {
    expect(classifyCard({ track2: '4111111111111112=3012201' })).toEqual({
      kind: 'unknown',
      reason: { type: 'badTrack', track: 2, error: { type: 'luhn' } },
    });
  });

  it('recognises a technician card by the configured prefix', () => {
    const card = makeTechnicianCard('42');
    expect(classifyCard({ track2: card.tracks?.track2 })).toEqual({ kind: 'technician', technicianId: '000000042', pan: technicianPan('42') });
    // With another prefix configured the same card is just a card with a valid PAN.
    expect(classifyCard({ track2: card.tracks?.track2 }, { technicianPrefixes: ['888888'] }).kind).toBe('bank');
  });

  it('recognises national ID (1…) and iqama (2…) numbers from the chip', () => {
    expect(classifyCard({ chipIdentity: { documentType: 'nationalId', idNumber: '1000000008', expiry: '2030-12-31' } })).toEqual({
      kind: 'nationalId',
      idNumber: '1000000008',
      expiry: '2030-12-31',
    });
    expect(classifyCard({ chipIdentity: { documentType: 'iqama', idNumber: '2000000006', expiry: '2030-12-31' } }).kind).toBe('iqama');
  });

  it('refuses an ID number that fails Luhn, has the wrong length or first digit, or disagrees with the document type', () => {
    const invalid = { kind: 'unknown', reason: { type: 'invalidIdNumber' } };
    expect(classifyCard({ chipIdentity: { documentType: 'nationalId', idNumber: '1000000009', expiry: '2030-12-31' } })).toEqual(invalid);
    expect(classifyCard({ chipIdentity: { documentType: 'nationalId', idNumber: '100000008', expiry: '2030-12-31' } })).toEqual(invalid);
    expect(idNumberKind('3000000004')).toBeUndefined();
    expect(classifyCard({ chipIdentity: { documentType: 'nationalId', idNumber: '2000000006', expiry: '2030-12-31' } })).toEqual({
      kind: 'unknown',
      reason: { type: 'documentTypeMismatch' },
    });
  });

  it('calls a card with nothing readable unknown', () => {
    expect(classifyCard({})).toEqual({ kind: 'unknown', reason: { type: 'nothingReadable' } });
  });
});
