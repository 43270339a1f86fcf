import { generateKeyPair, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { attestationClaimsSchema } from './attestation';
import { DEMO_BANK_CODE, DEMO_BANK_PUBLIC_JWK } from './demoBankKey';
import { RIG_CARDS, RIG_NOW, withBankHost } from './testing/bankRig';

const { linked } = RIG_CARDS;

async function approvedAttestation(bank: Parameters<Parameters<typeof withBankHost>[0]>[0]): Promise<string> {
  const answer = await bank.authorise(linked, linked.pin, 'iso4');
  const { attestation } = answer.body as { attestation: string };
  return attestation;
}

describe('the bank’s attestation', () => {
  it('verifies with the bank’s public key and says who the card holder is, for central, for 5 minutes', async () => {
    await withBankHost(async (bank) => {
      const token = await approvedAttestation(bank);
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: 'DEMOBANK-1' });
      const key = await importJWK({ ...DEMO_BANK_PUBLIC_JWK }, 'EdDSA');
      const { payload } = await jwtVerify(token, key, { issuer: DEMO_BANK_CODE, audience: 'moi-central', currentDate: new Date(RIG_NOW + 60_000) });
      const iat = RIG_NOW / 1000;
      expect(payload).toEqual({ iss: 'DEMOBANK', aud: 'moi-central', sub: linked.nationalIdNumber, panLast4: linked.pan.slice(-4), jti: expect.any(String), iat, exp: iat + 300 });
      expect(attestationClaimsSchema.safeParse(payload).success).toBe(true);
      expect(bank.host).toMatchObject({ bankCode: 'DEMOBANK', keyId: 'DEMOBANK-1', publicJwk: DEMO_BANK_PUBLIC_JWK });
    });
  });

  it('carries a fresh 128-bit id each time', async () => {
    await withBankHost(async (bank) => {
      const ids = await Promise.all([approvedAttestation(bank), approvedAttestation(bank)]).then((tokens) =>
        tokens.map((token) => attestationClaimsSchema.parse(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString())).jti),
      );
      expect(ids[0]).not.toBe(ids[1]);
      expect(Buffer.from(ids[0] ?? '', 'base64url')).toHaveLength(16);
    });
  });

  it('does not verify under another key, after its 5 minutes, or for another audience', async () => {
    await withBankHost(async (bank) => {
      const token = await approvedAttestation(bank);
      const other = await generateKeyPair('EdDSA');
      await expect(jwtVerify(token, other.publicKey)).rejects.toThrow();
      const key = await importJWK({ ...DEMO_BANK_PUBLIC_JWK }, 'EdDSA');
      await expect(jwtVerify(token, key, { currentDate: new Date(RIG_NOW + 301_000) })).rejects.toThrow(/exp/);
      await expect(jwtVerify(token, key, { audience: 'someone-else', currentDate: new Date(RIG_NOW) })).rejects.toThrow(/aud/);
    });
  });
});
