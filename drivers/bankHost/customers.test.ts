import { describe, expect, it } from 'vitest';
import { DEMO_BANK_CODES, generatePopulation } from '../../common/demo/population';
import { isLuhnValid } from '../../common/luhn';
import { checkIdNumber } from '../../common/rules';
import { DEMO_EXPIRED_CARD_PAN, DEMO_MISRECORDED_ID_CARD_PAN, DEMO_UNLINKED_CARD_BANK, DEMO_UNLINKED_CARD_PAN, demoBankCustomers } from './customers';
import { withBankHost } from './testing/bankRig';

const population = generatePopulation();
const customers = demoBankCustomers(population);

describe('the demo bank’s customers', () => {
  it('are the demo population’s bank cards, of their issuing banks, linked to their holders’ ID numbers', () => {
    const holders = population.people.filter((person) => person.bankCard);
    expect(holders.length).toBeGreaterThan(4);
    for (const person of holders) {
      expect(customers).toContainEqual(
        expect.objectContaining({ pan: person.bankCard?.pan, bankCode: person.bankCard?.bankCode, expiry: person.bankCard?.expiry, nationalIdNumber: person.idNumber }),
      );
    }
    // The host answers for several banks, as a card network's switch does.
    expect(new Set(customers.map((card) => card.bankCode)).size).toBeGreaterThan(1);
  });

  it('have unique Luhn-valid PANs and 4-digit PINs found in neither the PAN nor the ID number', () => {
    expect(new Set(customers.map((card) => card.pan)).size).toBe(customers.length);
    for (const card of customers) {
      expect(isLuhnValid(card.pan)).toBe(true);
      expect(card.pin).toMatch(/^[0-9]{4}$/);
      expect(card.pan).not.toContain(card.pin);
      expect(card.nationalIdNumber ?? '').not.toContain(card.pin);
    }
  });

  it('are the same on every machine', () => {
    expect(demoBankCustomers(generatePopulation())).toEqual(customers);
  });

  it('include an expired card (of the holder’s own bank) and a card linked to no ID, each of a demo bank', () => {
    const holder = population.people[2];
    expect(customers.find((card) => card.pan === DEMO_EXPIRED_CARD_PAN)).toMatchObject({ expiry: '2024-06', nationalIdNumber: holder?.idNumber, bankCode: holder?.bankCard?.bankCode });
    expect(customers.find((card) => card.pan === DEMO_UNLINKED_CARD_PAN)).toMatchObject({ nationalIdNumber: null, bankCode: DEMO_UNLINKED_CARD_BANK });
    for (const card of customers) expect(DEMO_BANK_CODES).toContain(card.bankCode);
  });

  it('include a card whose holder the bank recorded with a mistyped ID number: ten digits, but not a valid ID', () => {
    const misrecorded = customers.find((card) => card.pan === DEMO_MISRECORDED_ID_CARD_PAN);
    expect(misrecorded?.nationalIdNumber).toMatch(/^[0-9]{10}$/);
    expect(misrecorded?.nationalIdNumber).not.toBe(population.people[2]?.idNumber);
    expect(checkIdNumber(misrecorded?.nationalIdNumber ?? '').ok).toBe(false);
  });

  it('the host approves the first featured person with their demo PIN, vouching for ID 1000000008 as their bank', async () => {
    const faisal = customers.find((card) => card.nationalIdNumber === '1000000008');
    if (!faisal) throw new Error('the first featured person has a bank card');
    await withBankHost(
      async (bank) => {
        const { attestation } = (await bank.authorise(faisal, faisal.pin)).body as { attestation: string };
        expect(JSON.parse(Buffer.from(attestation.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({ sub: '1000000008', iss: faisal.bankCode });
      },
      { customers },
    );
  });
});
