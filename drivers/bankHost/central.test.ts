import { generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BANK_CODES, generatePopulation, type LabPerson } from '../../common/demo/population';
import { startTestCentral, type TestCentral } from '../../central/testing/harness';
import { TestKiosk } from '../../central/testing/kioskClient';
import { demoPinKey } from '../pinBlock/demoKeys';
import { encipherPinBlock } from '../pinBlock/pinBlock';
import type { BankSigningKey } from './attestation';
import { type BankCustomer, demoBankCustomers } from './customers';
import { type RunningBankHost, startBankHost } from './server';
import { authoriseAnswerSchema } from './wire';

/**
 * The two ends of the ATM activation agree (issue 12): what the simulated
 * bank host signs for a demo card holder, a demo-profile central accepts as
 * it is, with its default trust list and the same demo population, and the
 * account goes to pending_bank. With keys of its own, the host's
 * `trustedBanks` is what a central must trust, and a central that trusts
 * only the demo key refuses it.
 */

const population = generatePopulation();
const customers = demoBankCustomers(population);
const today = new Date().toISOString().slice(0, 10);

/** Registered (so the request is the one that moves them), with a valid ID and a bank card: one per bank that has such a holder. */
const holders = [...new Map(population.people.filter((p) => p.account?.state === 'registered' && p.bankCard && p.idCard.expiry > today).map((p) => [p.bankCard?.bankCode, p])).values()];

function cardOf(person: LabPerson): BankCustomer {
  const card = customers.find((customer) => customer.pan === person.bankCard?.pan);
  if (!card) throw new Error(`the bank host has no card for ${person.idNumber}`);
  return card;
}

/** The ATM's part: the card's PAN and expiry, and the EPP's format 4 block of the PIN. */
async function authorise(host: RunningBankHost, card: BankCustomer): Promise<string> {
  const block = encipherPinBlock({ format: 'iso4', pin: card.pin, pan: card.pan, key: demoPinKey('iso4') });
  if (!block.ok) throw new Error(block.error.type);
  const response = await fetch(`${host.url}/v1/authorise`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pan: card.pan, expiry: `${card.expiry.slice(2, 4)}${card.expiry.slice(5, 7)}`, pinBlock: block.value, format: 'iso4' }),
  });
  const answer = authoriseAnswerSchema.parse(await response.json());
  if (answer.outcome !== 'approved') throw new Error(`the bank host answered ${answer.outcome}`);
  return answer.attestation;
}

interface Ends {
  central: TestCentral;
  kiosk: TestKiosk;
  host: RunningBankHost;
}

/** A central (as `start` makes it), an enrolled kiosk and a bank host on central's clock, stopped after the block. */
function bothEnds(start: (ends: Pick<Ends, 'host'>) => Promise<TestCentral>, signingKeys?: readonly BankSigningKey[]): Ends {
  const ends = {} as Ends;
  beforeAll(async () => {
    let now = Date.now;
    ends.host = await startBankHost({ customers, now: () => now(), log: pino({ level: 'silent' }), ...(signingKeys ? { signingKeys } : {}) });
    ends.central = await start(ends);
    now = ends.central.clock.now;
    ends.kiosk = await TestKiosk.create(ends.central.url, ends.central.caCertPem);
    const enrolled = await ends.kiosk.enrol(await ends.central.issueEnrolmentCode());
    if (enrolled.status !== 201) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.body)}`);
  });
  afterAll(async () => {
    await ends.kiosk?.close();
    await ends.central?.stop();
    await ends.host?.close();
  });
  return ends;
}

const preview = (ends: Ends, attestation: string) => ends.kiosk.call('/v1/citizens/activations/bank/preview', { body: { attestation } });
const request = (ends: Ends, attestation: string) => ends.kiosk.call('/v1/citizens/activations/bank', { body: { attestation } });
const accountOf = async (ends: Ends, who: LabPerson) => (await ends.central.rows('SELECT state, bank_ref FROM accounts WHERE id_number = ?', [who.idNumber]))[0];

describe('a demo-profile central accepts the demo bank host’s attestations', () => {
  const ends = bothEnds(() => startTestCentral());

  it('the demo population has registered card holders of more than one bank to try', () => {
    expect(holders.length).toBeGreaterThan(1);
  });

  it.each(holders.map((who) => [who.bankCard?.bankCode, who] as const))('a card holder of %s: preview 200, request 202, the account pending_bank under that bank’s attestation', async (bankCode, who) => {
    const attestation = await authorise(ends.host, cardOf(who));
    const previewed = await preview(ends, attestation);
    expect(previewed.status).toBe(200);
    expect(previewed.body).toMatchObject({ idNumberMasked: `******${who.idNumber.slice(-4)}`, accountState: 'registered' });

    const requested = await request(ends, attestation);
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ accountState: 'pending_bank' });
    // Central records the request under the bank and the jti the host logged for its decision.
    const decision = ends.host.control.decisions().at(-1);
    expect(await accountOf(ends, who)).toEqual({ state: 'pending_bank', bank_ref: `${bankCode}:${decision?.attestationId}` });
  });
});

describe('a host signing with keys of its own', () => {
  const ownKeys: readonly BankSigningKey[] = DEMO_BANK_CODES.map((bankCode) => ({ bankCode, kid: `${bankCode}-2`, privateJwk: generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) }));
  const [who] = holders;
  if (!who) throw new Error('no registered card holder in the demo population');

  describe('against a demo-profile central, which trusts only the demo key', () => {
    const ends = bothEnds(() => startTestCentral(), ownKeys);

    it('is refused, and changes nothing', async () => {
      const attestation = await authorise(ends.host, cardOf(who));
      const before = await ends.central.snapshot(['idempotency']);
      for (const answer of [await preview(ends, attestation), await request(ends, attestation)]) {
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({ code: 'bank_attestation_invalid', detail: expect.stringContaining('no trusted bank key') as unknown });
      }
      expect(await ends.central.snapshot(['idempotency'])).toBe(before);
    });
  });

  describe('against a central that trusts the host’s trustedBanks', () => {
    const ends = bothEnds(({ host }) => startTestCentral({ trustedBanks: [...host.trustedBanks] }), ownKeys);

    it('is accepted: preview 200, request 202, pending_bank', async () => {
      expect(ends.host.trustedBanks.map((bank) => bank.kid)).toEqual(DEMO_BANK_CODES.map((bankCode) => `${bankCode}-2`));
      const attestation = await authorise(ends.host, cardOf(who));
      expect((await preview(ends, attestation)).status).toBe(200);
      expect((await request(ends, attestation)).status).toBe(202);
      expect(await accountOf(ends, who)).toMatchObject({ state: 'pending_bank' });
    });
  });
});
