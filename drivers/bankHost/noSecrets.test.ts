import { expect, it } from 'vitest';
import { RIG_CARDS, withBankHost } from './testing/bankRig';
import { standalone } from '../../common/testing/standalone';

const cards = Object.values(RIG_CARDS);

it('the host never logs or answers a PIN or a full PAN, whatever happens', async () => {
  await withBankHost(async (bank) => {
    const { linked, unlinked, expired } = RIG_CARDS;
    await bank.authorise(linked, linked.pin, 'iso4');
    await bank.authorise(linked, '0000');
    await bank.authorise(linked, '0000');
    await bank.authorise(linked, '0000');
    await bank.authorise(unlinked, unlinked.pin);
    await bank.authorise(expired, expired.pin);
    await bank.post('/v1/authorise', JSON.stringify({ pan: linked.pan, expiry: '3005', pinBlock: 'FFFFFFFFFFFFFFFF', format: 'iso0' }));
    // Bodies the host cannot read, with a PAN and a PIN in them, must not come back in an answer or a log line.
    await bank.post('/v1/authorise', `{"pan":"${linked.pan}","pin":"${linked.pin}",`);
    await bank.post('/v1/authorise', JSON.stringify({ pan: `${linked.pan}X`, pin: linked.pin }));
    await bank.post('/control/tries/reset', JSON.stringify({ pan: linked.pan }));
    await bank.get('/control/decisions');

    const decisionLines = bank.logs.filter((line) => line.includes('bank decision'));
    expect(decisionLines).toHaveLength(7);
    expect(decisionLines[0]).toContain(linked.pan.slice(-4));

    // The listening lines name the port, whose digits are chance.
    const everything = [...bank.logs, ...bank.answers].join('\n').replaceAll(bank.host.url, '<url>');
    for (const card of cards) {
      expect(everything).not.toContain(card.pan);
      expect(everything).not.toMatch(standalone(card.pin));
      if (card.nationalIdNumber) expect(bank.logs.join('\n')).not.toContain(card.nationalIdNumber);
    }
  });
});

it('the rig’s PINs appear nowhere else in what the host may say (so the check above can fail only on a leak)', () => {
  const innocent = [...cards.flatMap((card) => [card.pan.slice(-4), card.nationalIdNumber ?? '', card.expiry]), '2026-01-15T09:00:00.000Z', '3005'].join(' ');
  for (const card of cards) expect(innocent).not.toContain(card.pin);
});
