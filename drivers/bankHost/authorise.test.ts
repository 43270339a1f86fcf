import { describe, expect, it } from 'vitest';
import { encipherPinBlock } from '../pinBlock/pinBlock';
import { RIG_CARDS, withBankHost } from './testing/bankRig';

const { linked, linkedToo, unlinked, expired } = RIG_CARDS;

describe('the bank host decides on a card and an enciphered PIN', () => {
  it.each(['iso0', 'iso4'] as const)('approves the right PIN in format %s with an attestation', async (format) => {
    await withBankHost(async (bank) => {
      const answer = await bank.authorise(linked, linked.pin, format);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ outcome: 'approved', attestation: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    });
  });

  it('counts wrong PINs down, and a right PIN before the third clears the count', async () => {
    await withBankHost(async (bank) => {
      expect((await bank.authorise(linked, '0000')).body).toEqual({ outcome: 'wrongPin', triesLeft: 2 });
      expect((await bank.authorise(linked, '1111', 'iso4')).body).toEqual({ outcome: 'wrongPin', triesLeft: 1 });
      expect((await bank.authorise(linked, linked.pin)).body).toMatchObject({ outcome: 'approved' });
      expect((await bank.authorise(linked, '0000')).body).toEqual({ outcome: 'wrongPin', triesLeft: 2 });
    });
  });

  it('says to retain the card at the third wrong PIN, and keeps saying so, right PIN or not, until the tries are reset', async () => {
    await withBankHost(async (bank) => {
      await bank.authorise(linked, '0000');
      await bank.authorise(linked, '0000');
      expect((await bank.authorise(linked, '0000')).body).toEqual({ outcome: 'retainCard' });
      expect((await bank.authorise(linked, linked.pin)).body).toEqual({ outcome: 'retainCard' });
      // Tries are per card: another card is untouched.
      expect((await bank.authorise(linkedToo, linkedToo.pin)).body).toMatchObject({ outcome: 'approved' });

      expect(bank.host.control.resetTries(linked.pan)).toBe(true);
      expect((await bank.authorise(linked, linked.pin)).body).toMatchObject({ outcome: 'approved' });
    });
  });

  it('does not know a card it never issued', async () => {
    await withBankHost(async (bank) => {
      const stranger = { ...linked, pan: '4000000000000002' };
      expect((await bank.authorise(stranger, linked.pin)).body).toEqual({ outcome: 'cardNotLinked' });
    });
  });

  it('does not know its card presented with another expiry (an old or copied card)', async () => {
    await withBankHost(async (bank) => {
      expect((await bank.authorise({ ...linked, expiry: '2029-05' }, linked.pin)).body).toEqual({ outcome: 'cardNotLinked' });
    });
  });

  it('says a card with no ID on file is not linked, but only to someone with its PIN', async () => {
    await withBankHost(async (bank) => {
      expect((await bank.authorise(unlinked, '0000')).body).toEqual({ outcome: 'wrongPin', triesLeft: 2 });
      expect((await bank.authorise(unlinked, unlinked.pin, 'iso4')).body).toEqual({ outcome: 'cardNotLinked' });
    });
  });

  it('refuses an expired card before any PIN check, and a card once its month is over', async () => {
    await withBankHost(async (bank) => {
      expect((await bank.authorise(expired, expired.pin)).body).toEqual({ outcome: 'cardExpired' });
      expect((await bank.authorise(expired, '0000')).body).toEqual({ outcome: 'cardExpired' });

      bank.setNow(Date.UTC(2026, 5, 30, 23, 59));
      expect((await bank.authorise(linkedToo, linkedToo.pin)).body).toMatchObject({ outcome: 'approved' });
      bank.setNow(Date.UTC(2026, 6, 1));
      expect((await bank.authorise(linkedToo, linkedToo.pin)).body).toEqual({ outcome: 'cardExpired' });
    });
  });

  it('answers a block under another key with a problem and counts no try', async () => {
    await withBankHost(async (bank) => {
      const otherKey = Uint8Array.from(Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex'));
      const block = encipherPinBlock({ format: 'iso0', pin: linked.pin, pan: linked.pan, key: otherKey });
      const body = { pan: linked.pan, expiry: '3005', pinBlock: block.ok ? block.value : '', format: 'iso0' };
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const answer = await bank.post('/v1/authorise', JSON.stringify(body));
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({ type: '/problems/pin-block-unreadable', status: 422 });
      }
      expect((await bank.authorise(linked, linked.pin)).body).toMatchObject({ outcome: 'approved' });
    });
  });

  it('keeps the recent decisions for the dev dock, with the last 4 digits of the PAN only', async () => {
    await withBankHost(async (bank) => {
      await bank.authorise(linked, '0000');
      await bank.authorise(linked, linked.pin, 'iso4');
      await bank.authorise(expired, expired.pin);
      const decisions = (await bank.get('/control/decisions')).body;
      expect(decisions).toEqual({
        decisions: [
          { at: '2026-01-15T09:00:00.000Z', panLast4: linked.pan.slice(-4), format: 'iso0', outcome: 'wrongPin', triesLeft: 2 },
          { at: '2026-01-15T09:00:00.000Z', panLast4: linked.pan.slice(-4), format: 'iso4', outcome: 'approved', attestationId: expect.any(String) },
          { at: '2026-01-15T09:00:00.000Z', panLast4: expired.pan.slice(-4), format: 'iso0', outcome: 'cardExpired' },
        ],
      });
      expect(bank.host.control.decisions()).toEqual((decisions as { decisions: unknown }).decisions);
    });
  });
});
