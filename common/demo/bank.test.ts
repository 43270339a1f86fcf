import { CompactSign, compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { bankPublicJwkSchema, trustedBankSchema } from '../wire/bankAttestation';
import { DEMO_BANK_PRIVATE_JWK, DEMO_BANK_PUBLIC_JWK, DEMO_TRUSTED_BANKS, demoBankKeyId } from './bank';
import { generatePopulation } from './population';

describe('the demo bank key (test only)', () => {
  it('is one Ed25519 pair: what the private half signs, the public half verifies', async () => {
    const message = new TextEncoder().encode('card holder = 1000000008');
    const jws = await new CompactSign(message).setProtectedHeader({ alg: 'EdDSA', kid: demoBankKeyId('RJHI') }).sign(await importJWK(DEMO_BANK_PRIVATE_JWK, 'EdDSA'));
    const { payload } = await compactVerify(jws, await importJWK(DEMO_BANK_PUBLIC_JWK, 'EdDSA'));
    expect(new TextDecoder().decode(payload)).toBe('card holder = 1000000008');
    expect(bankPublicJwkSchema.parse(DEMO_BANK_PUBLIC_JWK)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: DEMO_BANK_PRIVATE_JWK.x });
  });

  it('is trusted (in the demo) for every bank whose cards the demo population holds', () => {
    const trusted = new Set(DEMO_TRUSTED_BANKS.map((bank) => trustedBankSchema.parse(bank).bankCode));
    const issuers = new Set(generatePopulation().people.flatMap((person) => (person.bankCard ? [person.bankCard.bankCode] : [])));
    expect(issuers.size).toBeGreaterThan(0);
    for (const bankCode of issuers) expect(trusted, bankCode).toContain(bankCode);
  });
});
