import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DEMO_BANK_PRIVATE_JWK, DEMO_TRUSTED_BANKS, demoBankKeyId } from '../../common/demo/bank';
import { bankAttestationClaimsSchema, bankAttestationHeaderSchema, type TrustedBank } from '../../common/wire/bankAttestation';
import { startBankHost } from './server';
import { RIG_CARDS, RIG_NOW, withBankHost, type BankRig } from './testing/bankRig';

const { linked, linkedToo } = RIG_CARDS;

async function approvedAttestation(bank: BankRig, card: (typeof RIG_CARDS)[keyof typeof RIG_CARDS] = linked): Promise<string> {
  const answer = await bank.authorise(card, card.pin, 'iso4');
  const { attestation } = answer.body as { attestation: string };
  return attestation;
}

const claimsOf = (token: string) => bankAttestationClaimsSchema.parse(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()));

/** As central does: the key its kid names among the trusted banks, that bank as the issuer. */
async function verifyAsCentral(token: string, trusted: readonly TrustedBank[], nowMs: number) {
  const header = bankAttestationHeaderSchema.parse(decodeProtectedHeader(token));
  const bank = trusted.find((candidate) => candidate.kid === header.kid);
  if (!bank) throw new Error(`no trusted key ${header.kid}`);
  const { payload } = await jwtVerify(token, await importJWK(bank.publicJwk, 'EdDSA'), { issuer: bank.bankCode, audience: 'moi-central', currentDate: new Date(nowMs) });
  return bankAttestationClaimsSchema.parse(payload);
}

function freshKey(): JWK {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
}

describe('the bank’s attestation', () => {
  it('is signed by the card’s own bank, with the key central trusts for it, and says who the holder is for 5 minutes', async () => {
    await withBankHost(async (bank) => {
      expect(bank.host.trustedBanks).toEqual(DEMO_TRUSTED_BANKS);
      for (const card of [linked, linkedToo]) {
        const token = await approvedAttestation(bank, card);
        expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: demoBankKeyId(card.bankCode) });
        const iat = RIG_NOW / 1000;
        expect(await verifyAsCentral(token, bank.host.trustedBanks, RIG_NOW + 60_000)).toEqual({
          iss: card.bankCode,
          aud: 'moi-central',
          sub: card.nationalIdNumber,
          panLast4: card.pan.slice(-4),
          jti: expect.any(String),
          iat,
          exp: iat + 300,
        });
      }
    });
  });

  it('carries a fresh 128-bit id each time', async () => {
    await withBankHost(async (bank) => {
      const ids = (await Promise.all([approvedAttestation(bank), approvedAttestation(bank)])).map((token) => claimsOf(token).jti);
      expect(ids[0]).not.toBe(ids[1]);
      expect(Buffer.from(ids[0] ?? '', 'base64url')).toHaveLength(16);
    });
  });

  it('does not verify under another key, as another bank’s, after its 5 minutes, or for another audience', async () => {
    await withBankHost(async (bank) => {
      const token = await approvedAttestation(bank);
      const [rjhi] = bank.host.trustedBanks;
      if (!rjhi) throw new Error('the host trusts no bank');
      const other = generateKeyPairSync('ed25519').publicKey;
      await expect(jwtVerify(token, other, { currentDate: new Date(RIG_NOW) })).rejects.toThrow(/signature/);
      const key = await importJWK(rjhi.publicJwk, 'EdDSA');
      await expect(jwtVerify(token, key, { issuer: 'SNB', currentDate: new Date(RIG_NOW) })).rejects.toThrow(/iss/);
      await expect(jwtVerify(token, key, { currentDate: new Date(RIG_NOW + 301_000) })).rejects.toThrow(/exp/);
      await expect(jwtVerify(token, key, { audience: 'someone-else', currentDate: new Date(RIG_NOW) })).rejects.toThrow(/aud/);
    });
  });

  it('is signed with a bank’s own key when given one, and the host says to trust that key, not the demo’s', async () => {
    const privateJwk = freshKey();
    await withBankHost(
      async (bank) => {
        expect(bank.host.trustedBanks).toEqual([{ bankCode: 'RJHI', kid: 'RJHI-7', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x } }]);
        const token = await approvedAttestation(bank);
        expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: 'RJHI-7' });
        expect(await verifyAsCentral(token, bank.host.trustedBanks, RIG_NOW)).toMatchObject({ iss: 'RJHI', sub: linked.nationalIdNumber });
        await expect(verifyAsCentral(token, DEMO_TRUSTED_BANKS, RIG_NOW)).rejects.toThrow(/no trusted key/);
      },
      { signingKeys: [{ bankCode: 'RJHI', kid: 'RJHI-7', privateJwk }] },
    );
  });
});

describe('signing keys that cannot make attestations central reads stop the host at start', () => {
  const demo = { bankCode: 'RJHI', kid: 'RJHI-1', privateJwk: DEMO_BANK_PRIVATE_JWK };
  const { d: _d, ...publicOnly } = DEMO_BANK_PRIVATE_JWK;
  it.each([
    ['a bank code in lower case', [{ ...demo, bankCode: 'rjhi', kid: 'rjhi-1' }], /bank code/],
    ['a kid of another bank', [{ ...demo, kid: 'SNB-1' }], /kid must be RJHI-<n>/],
    ['a kid with no key number', [{ ...demo, kid: 'RJHI' }], /kid must be/],
    ['two keys for one bank', [demo, { ...demo, kid: 'RJHI-2', privateJwk: freshKey() }], /one signing key per bank/],
    ['a public key only', [{ ...demo, privateJwk: publicOnly }], /not an Ed25519 JWK with d/],
    ['an x that is not the public half of d', [{ ...demo, privateJwk: { ...freshKey(), x: DEMO_BANK_PRIVATE_JWK.x } }], /x is not the public half/],
    ['a P-256 key', [{ ...demo, privateJwk: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) }], /not Ed25519/],
  ])('%s', async (_what, signingKeys, message) => {
    await expect(startBankHost({ signingKeys, customers: [], log: pino({ level: 'silent' }) })).rejects.toThrow(message);
  });
});
