import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabPerson } from '../../common/demo/population';
import { TestBank } from '../testing/bank';
import { startTestCentral, TestClock, type TestCentral } from '../testing/harness';
import { TestKiosk } from '../testing/kioskClient';
import { bankCardHolders } from '../testing/people';
import type { Database, Tx } from '../store/database';
import { completeBankActivations } from './activation';

/**
 * Issue 12: pending_bank → active with the SMS exactly once, however the
 * completion runs overlap and across central restarts, on central's movable
 * clock (never real time).
 */

const DELAY_MS = 60_000;
const people = bankCardHolders();
if (people.length < 4) throw new Error('lab people with bank cards missing');

async function requestActivation(central: TestCentral, who: LabPerson): Promise<void> {
  const card = who.bankCard;
  if (!card) throw new Error(`${who.idNumber} has no bank card`);
  const kiosk = await TestKiosk.create(central.url, central.caCertPem);
  try {
    await kiosk.enrol(await central.issueEnrolmentCode());
    const attestation = await TestBank.demo(card.bankCode).sign({ idNumber: who.idNumber, panLast4: card.pan.slice(-4), now: central.clock.now() });
    const answer = await kiosk.call('/v1/citizens/activations/bank', { body: { attestation } });
    if (answer.status !== 202) throw new Error(`bank activation refused: ${JSON.stringify(answer.body)}`);
  } finally {
    await kiosk.close();
  }
}

const stateOf = async (central: TestCentral, who: LabPerson) => (await central.rows('SELECT state FROM accounts WHERE id_number = ?', [who.idNumber]))[0]?.state;
/** Every profile logs each SMS (sms_log); the bank activation's is the one 'notification' to that mobile. */
const notifications = async (central: TestCentral, who: LabPerson) =>
  (await central.rows("SELECT COUNT(*) AS n FROM sms_log WHERE to_mobile = ? AND purpose = 'notification'", [who.mobile]))[0]?.n;

describe('bank activations complete exactly once', () => {
  let dataDir: string;
  // Frozen: the restart spec stops 1 s short of the deadline, and a restart (seconds on PostgreSQL) must not carry it past.
  const clock = new TestClock({ frozen: true });
  const start = () => startTestCentral({ dataDir, clock, bankActivationDelayMs: DELAY_MS });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'central-bank-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('overlapping runs (in-process runs, raw calls, the dev route) activate each account once, with one SMS', async () => {
    const central = await start();
    try {
      const [first, second] = people;
      if (!first || !second) throw new Error('unreachable');
      await requestActivation(central, first);
      await requestActivation(central, second);
      const devRun = () => fetchDevRun(central);
      const counts = await Promise.all([
        completeBankActivations(central.context, { waitOver: true }),
        completeBankActivations(central.context, { waitOver: true }),
        central.completeBankActivations(),
        central.completeBankActivations(),
        devRun(),
        devRun(),
        completeBankActivations(central.context, { waitOver: true }),
      ]);
      expect(counts.reduce((sum, n) => sum + n, 0)).toBe(2);
      for (const who of [first, second]) {
        expect(await stateOf(central, who)).toBe('active');
        expect(await notifications(central, who)).toBe(1);
      }
      expect(await central.completeBankActivations()).toBe(0);
    } finally {
      await central.stop();
    }
  });

  it('a restart between the request and the completion: the wait is on central’s clock, and the SMS goes once', async () => {
    const who = people[2];
    if (!who) throw new Error('unreachable');
    let central = await start();
    await requestActivation(central, who);
    expect(await completeBankActivations(central.context)).toBe(0);
    await central.stop();

    central = await start();
    try {
      clock.advance(DELAY_MS - 1000);
      expect(await completeBankActivations(central.context)).toBe(0);
      expect(await stateOf(central, who)).toBe('pending_bank');
      clock.advance(2000);
      // The periodic run may get there first; either way it is done once.
      await completeBankActivations(central.context);
      expect(await stateOf(central, who)).toBe('active');
      expect(await notifications(central, who)).toBe(1);
    } finally {
      await central.stop();
    }
    central = await start();
    try {
      expect(await central.completeBankActivations()).toBe(0);
      expect(await notifications(central, who)).toBe(1);
    } finally {
      await central.stop();
    }
  });

  it('a run that dies mid-way (the SMS cannot be recorded) leaves the account pending and SMS-less; after a restart it completes once', async () => {
    const who = people[3];
    if (!who) throw new Error('unreachable');
    let central = await start();
    try {
      await requestActivation(central, who);
      // This run's store refuses the SMS statement (the engine's own error, mid-transaction); it goes with the run, as a crash would.
      expect(await completeBankActivations({ ...central.context, db: smsCannotBeRecorded(central.db, who.mobile) }, { waitOver: true })).toBe(0);
      expect(await stateOf(central, who)).toBe('pending_bank');
      expect(await notifications(central, who)).toBe(0);
    } finally {
      await central.stop();
    }

    central = await start();
    try {
      expect(await central.completeBankActivations()).toBe(1);
      expect(await stateOf(central, who)).toBe('active');
      expect(await notifications(central, who)).toBe(1);
      expect(await central.completeBankActivations()).toBe(0);
    } finally {
      await central.stop();
    }
  });

  it('stopping central while a run is under way: the run finishes or not at all, and the next central completes what is left once', async () => {
    const central = await start();
    const pending = people.slice(0, 4);
    await central.db.transaction((tx) => tx.run(`UPDATE accounts SET state = 'pending_bank', bank_requested_at = 0 WHERE id_number IN (${pending.map(() => '?').join(', ')})`, pending.map((p) => p.idNumber)));
    const before = await Promise.all(pending.map((who) => notifications(central, who)));
    const running = central.completeBankActivations();
    await central.stop();
    await running;

    const again = await start();
    try {
      await again.completeBankActivations();
      for (const [index, who] of pending.entries()) {
        expect(await stateOf(again, who)).toBe('active');
        expect(await notifications(again, who)).toBe(Number(before[index]) + 1);
      }
    } finally {
      await again.stop();
    }
  });
});

/**
 * `db` as one completion run sees it when it dies at the SMS: the statement recording an SMS to `mobile` goes to the
 * engine against a table that is not there, so SQLite and PostgreSQL alike fail it inside the transaction, after the
 * account's row has moved; everything else passes through untouched.
 */
function smsCannotBeRecorded(db: Database, mobile: string): Database {
  const dying = (tx: Tx): Tx => ({
    run: (sql, params = []) => (/^INSERT INTO sms_log /.test(sql) && params[0] === mobile ? tx.run(sql.replace('sms_log', 'sms_log_unreachable'), params) : tx.run(sql, params)),
    get: (sql, params) => tx.get(sql, params),
    all: (sql, params) => tx.all(sql, params),
  });
  return {
    engine: db.engine,
    transaction: (body) => db.transaction((tx) => body(dying(tx))),
    get: (sql, params) => db.get(sql, params),
    all: (sql, params) => db.all(sql, params),
    tableNames: () => db.tableNames(),
    close: () => db.close(),
  };
}

async function fetchDevRun(central: TestCentral): Promise<number> {
  const { request, Agent } = await import('undici');
  const agent = new Agent({ connect: { ca: central.caCertPem } });
  try {
    const answer = await request(`${central.url}/dev/bank-activations/run`, { method: 'POST', dispatcher: agent });
    const body = (await answer.body.json()) as { activated: number };
    return body.activated;
  } finally {
    await agent.close();
  }
}
