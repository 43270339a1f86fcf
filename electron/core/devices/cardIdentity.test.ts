import { describe, expect, it } from 'vitest';
import { holderIdentityOf, maskPan } from './cardIdentity';

describe('card holder identity', () => {
  it('masks a PAN to its last four digits', () => {
    expect(maskPan('4111111111111111')).toBe('************1111');
    expect(maskPan('123')).toBe('****');
  });

  it('turns a bank card into a masked PAN with the track expiry as a month, and drops the full PAN', () => {
    const identity = holderIdentityOf({ kind: 'bank', pan: '4111111111111111', expiry: '3012', name: { surname: 'DOE', given: 'JOHN' } }, '2026-05-01');
    expect(identity).toEqual({
      kind: 'bank',
      maskedPan: '************1111',
      panLast4: '1111',
      expiry: '2030-12',
      expired: false,
      cardholderName: { surname: 'DOE', given: 'JOHN' },
    });
    expect(JSON.stringify(identity)).not.toContain('4111111111111111');
  });

  it('says whether an ID card has expired (valid through its expiry date)', () => {
    expect(holderIdentityOf({ kind: 'nationalId', idNumber: '1000000008', expiry: '2026-05-01' }, '2026-05-01')).toMatchObject({ expired: false });
    expect(holderIdentityOf({ kind: 'iqama', idNumber: '2000000006', expiry: '2026-04-30' }, '2026-05-01')).toMatchObject({ kind: 'iqama', expired: true });
  });

  it('keeps only the technician id of a technician card, and the reason of an unreadable one', () => {
    expect(holderIdentityOf({ kind: 'technician', technicianId: '000001001', pan: '9999010000010013' }, '2026-01-01')).toEqual({ kind: 'technician', technicianId: '000001001' });
    expect(holderIdentityOf({ kind: 'unknown', reason: { type: 'unreadableChip' } }, '2026-01-01')).toEqual({ kind: 'unreadable', reason: 'unreadableChip' });
  });
});
