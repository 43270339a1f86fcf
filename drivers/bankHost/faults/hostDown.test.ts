import { expect, it } from 'vitest';
import { RIG_CARDS, withBankHost } from '../testing/bankRig';

const { linked } = RIG_CARDS;

it('a bank made unreachable cuts every authorisation, and answers again once it is back', async () => {
  await withBankHost(async (bank) => {
    bank.host.control.setAvailability('drop');
    await expect(bank.authorise(linked, linked.pin)).rejects.toThrow(/fetch failed/);
    expect(bank.host.control.decisions()).toEqual([]);

    bank.host.control.setAvailability('up');
    expect((await bank.authorise(linked, linked.pin)).body).toMatchObject({ outcome: 'approved' });
  });
});

it('a bank made unavailable answers 503, and its control API keeps working over HTTP', async () => {
  await withBankHost(async (bank) => {
    expect((await bank.post('/control/availability', JSON.stringify({ availability: 'unavailable' }))).body).toEqual({ availability: 'unavailable' });
    const answer = await bank.authorise(linked, linked.pin);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ type: '/problems/bank-host-unavailable', status: 503 });
    // A refused request counts no PIN try.
    expect((await bank.get('/control/decisions')).body).toEqual({ decisions: [] });

    expect((await bank.post('/control/availability', JSON.stringify({ availability: 'up' }))).body).toEqual({ availability: 'up' });
    expect(bank.host.control.availability()).toBe('up');
    expect((await bank.authorise(linked, linked.pin)).body).toMatchObject({ outcome: 'approved' });
  });
});
