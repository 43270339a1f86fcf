import { generateKeyPairSync } from 'node:crypto';
import { expect, it } from 'vitest';
import { bankProblemSchema } from '../wire';
import { RIG_CARDS, withBankHost } from '../testing/bankRig';

const { linked, linkedToo, unlinked } = RIG_CARDS;
const rjhiOnly = [{ bankCode: 'RJHI', kid: 'RJHI-1', privateJwk: generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) }];

it('a host with no signing key for a card’s bank says so after the right PIN, as a configuration problem, and keeps serving the other banks’ cards', async () => {
  await withBankHost(
    async (bank) => {
      expect(bank.logs.find((line) => line.includes('no signing key for these banks'))).toMatch(/"bankCodes":\["SNB","RIBL","ALBI"\]/);

      // The PIN checks come first, as for any card: a wrong PIN is still counted.
      expect((await bank.authorise(linkedToo, '0000')).body).toEqual({ outcome: 'wrongPin', triesLeft: 2 });
      const answer = await bank.authorise(linkedToo, linkedToo.pin);
      expect(answer.status).toBe(500);
      expect(bankProblemSchema.parse(answer.body)).toMatchObject({ type: '/problems/no-signing-key', status: 500, detail: 'No signing key for bank SNB.' });
      // The right PIN cleared the count, though nothing could be vouched for.
      expect((await bank.authorise(linkedToo, '0000')).body).toEqual({ outcome: 'wrongPin', triesLeft: 2 });
      // A card the bank holds no ID for needs no signature: its answer is unchanged.
      expect((await bank.authorise(unlinked, unlinked.pin)).body).toEqual({ outcome: 'cardNotLinked' });

      expect((await bank.authorise(linked, linked.pin)).body).toMatchObject({ outcome: 'approved' });
      expect(bank.host.control.decisions().map((decision) => decision.outcome)).toEqual(['wrongPin', 'noSigningKey', 'wrongPin', 'cardNotLinked', 'approved']);
    },
    { signingKeys: rjhiOnly },
  );
});
