import { describe, expect, it } from 'vitest';
import { bankProblemSchema } from './wire';
import { RIG_CARDS, withBankHost } from './testing/bankRig';

const { linked } = RIG_CARDS;
const valid = { pan: linked.pan, expiry: '3005', pinBlock: '0123456789ABCDEF', format: 'iso0' };

describe('a request the bank cannot read is a typed problem, and decides nothing', () => {
  it.each([
    ['a missing PIN block', { ...valid, pinBlock: undefined }, 'pinBlock'],
    ['a PAN with letters', { ...valid, pan: '4847ABCD12341234' }, 'pan'],
    ['an expiry as YYYY-MM', { ...valid, expiry: '2030-05' }, 'expiry'],
    ['a month 13', { ...valid, expiry: '3013' }, 'expiry'],
    ['an unknown format', { ...valid, format: 'iso3' }, 'format'],
    ['a format 0 block of 32 digits', { ...valid, pinBlock: '0123456789ABCDEF0123456789ABCDEF' }, 'pinBlock'],
    ['a format 4 block of 16 digits', { ...valid, format: 'iso4' }, 'pinBlock'],
    ['a clear PIN sent along', { ...valid, pin: linked.pin }, ''],
  ])('%s', async (_name, body, path) => {
    await withBankHost(async (bank) => {
      const answer = await bank.post('/v1/authorise', JSON.stringify(body));
      expect(answer.status).toBe(400);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(bankProblemSchema.parse(answer.body)).toMatchObject({ type: '/problems/invalid-body', status: 400, issues: [expect.objectContaining({ path })] });
      expect(bank.host.control.decisions()).toEqual([]);
    });
  });

  it('not JSON, or not JSON at all', async () => {
    await withBankHost(async (bank) => {
      expect((await bank.post('/v1/authorise', '{"pan": ')).body).toMatchObject({ type: '/problems/invalid-body', status: 400 });
      expect((await bank.post('/v1/authorise', 'pan=1', 'text/plain')).body).toMatchObject({ type: '/problems/unsupported-media-type', status: 415 });
      expect((await bank.post('/v1/authorise', JSON.stringify({ ...valid, pad: 'x'.repeat(5000) }))).body).toMatchObject({ type: '/problems/body-too-large', status: 413 });
    });
  });

  it('an unknown route', async () => {
    await withBankHost(async (bank) => {
      const answer = await bank.get('/v1/accounts');
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ type: '/problems/not-found' });
    });
  });

  it('control: resetting an unknown card, or an availability that does not exist', async () => {
    await withBankHost(async (bank) => {
      expect((await bank.post('/control/tries/reset', JSON.stringify({ pan: '4000000000000002' }))).body).toMatchObject({ type: '/problems/unknown-card', status: 404 });
      expect((await bank.post('/control/availability', JSON.stringify({ availability: 'slow' }))).body).toMatchObject({ type: '/problems/invalid-body', status: 400 });
    });
  });
});
