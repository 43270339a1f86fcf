import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../../../central/server';
import { demoBankCustomers } from '../../../drivers/bankHost/customers';
import type { BankCustomer } from '../../../drivers/bankHost/customers';
import { startBankHost } from '../../../drivers/bankHost/server';
import type { RunningBankHost } from '../../../drivers/bankHost/server';
import { startSimulatedAtm } from '../../../drivers/xfs4iot/simulator';
import type { FrameRecord, SimulatedAtm } from '../../../drivers/xfs4iot/simulator';
import { createMemoryChannelPair } from '../../contract';
import type { AtmJourneyView, JourneyEvent, KioskSnapshot } from '../../contract';
import { connectKiosk } from '../../contract/client';
import { startCore } from '../start';
import type { RunningCore } from '../start';
import { startTestCentral } from '../sync/testing/centralFixture';
import { cardHolderOf, demoEncipherPin, eventually, holderIn } from './testing/atmKioskRig';
import type { CardHolder } from './testing/atmKioskRig';

/**
 * The PIN is provably absent from the kiosk (issue 12): the core as
 * `startCore` runs it in ATM mode (its store, outbox, sync and log), with
 * the simulated ATM and bank host and a reference central. PINs — right
 * and wrong — are typed through the simulator's control; afterwards no
 * sequence of their digits (even with separators between them) is found in
 * any message between core and renderer, any snapshot, any log line, any
 * row of the kiosk's database, any outbox payload (here or at central), or
 * any XFS4IoT frame the kiosk received.
 */

/** Ten-digit PINs (the bank's; PINs may be 4–12 digits): long enough that no timestamp or id can hold one by chance. */
function pinFor(label: string, avoid: readonly string[]): string {
  for (let round = 0; ; round++) {
    const digest = createHash('sha256').update(`${label}|${round}`).digest();
    const pin = String(digest.readBigUInt64BE(0) % 10_000_000_000n).padStart(10, '0');
    if (!avoid.some((text) => text.includes(pin.slice(0, 6)))) return pin;
  }
}

const baseline = demoBankCustomers();
const chosen = { activate: holderIn('registered', 0), status: holderIn('pending_bank', 0), retained: holderIn('active', 0) };
const avoid = baseline.flatMap((c) => [c.pan, c.nationalIdNumber ?? '']);
const PINS = { activate: pinFor('activate', avoid), status: pinFor('status', avoid), retained: pinFor('retained', avoid) };
const WRONG = [pinFor('wrong-1', avoid), pinFor('wrong-2', avoid), pinFor('wrong-3', avoid), pinFor('wrong-4', avoid)] as const;
const customers: BankCustomer[] = baseline.map((c) => {
  const which = (Object.keys(chosen) as (keyof typeof chosen)[]).find((key) => chosen[key].customer.pan === c.pan);
  return which ? { ...c, pin: PINS[which] } : c;
});
const holder = (key: keyof typeof chosen): CardHolder => cardHolderOf(customers.find((c) => c.pan === chosen[key].customer.pan)!);

/** The PIN's digits in order, up to three non-digits between each: `"8","2","6"` would match too. */
const spelled = (pin: string): RegExp => new RegExp([...pin].join('[^0-9]{0,3}'));

let central: RunningCentral;
let closeCentral: () => Promise<void>;
let atm: SimulatedAtm;
let bank: RunningBankHost;
let running: RunningCore;
let dir: string;
const frames: FrameRecord[] = [];
const logs: string[] = [];
const rpc: string[] = [];
const snapshots: KioskSnapshot[] = [];
let api: ReturnType<typeof connectKiosk>['api'];

beforeAll(async () => {
  ({ central, close: closeCentral } = await startTestCentral({ populationSize: 60 }));
  atm = await startSimulatedAtm({ encipherPin: demoEncipherPin, port: 0, onFrame: (frame) => frames.push(frame) });
  bank = await startBankHost({ customers, log: pino({ level: 'silent' }) });
  dir = await mkdtemp(join(tmpdir(), 'kiosk-atm-pin-'));
  running = await startCore({
    overrides: {
      profile: 'demo',
      mode: 'atm',
      central: { url: central.url, caFile: central.caCertPath },
      atm: { publisher: { url: atm.publisherUrl }, bankHost: { url: bank.url } },
      store: { dataDir: join(dir, 'data') },
      log: { level: 'trace' },
    },
    logDestination: new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString()), done()) }),
    env: { KIOSK_ENROLMENT_CODE: await central.issueEnrolmentCode() },
  });
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const record = (end: typeof coreEnd): typeof coreEnd => ({ ...end, post: (data) => (rpc.push(data), end.post(data)) });
  running.core.connect(record(coreEnd));
  const client = connectKiosk(record(rendererEnd), { snapshot: (s) => snapshots.push(s), sessionEnded: () => undefined, reloadRequested: () => undefined });
  api = client.api;
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await atm?.close();
  await bank?.close();
  await closeCentral?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const view = (): AtmJourneyView | null => running.core.snapshot().atmJourney ?? null;
async function reach(step: string, busy = false): Promise<AtmJourneyView> {
  await eventually(() => view()?.step === step && (busy || !view()?.busy), `step ${step} (at ${view()?.step ?? 'none'})`, 600, 20);
  return view()!;
}
async function insert(card: CardHolder): Promise<void> {
  await eventually(() => atm.control.state().cardReader.accepting, 'the ATM takes a card');
  expect(atm.control.insertCard(card.card).ok).toBe(true);
}
async function type(pin: string): Promise<void> {
  await eventually(() => atm.control.state().keyboard.entry === 'pin', 'the EPP takes the PIN');
  expect(atm.control.pressKeys(`${pin} enter`).ok).toBe(true);
}
async function take(): Promise<void> {
  await eventually(() => atm.control.state().cardReader.media === 'entering', 'the card at the exit');
  expect(atm.control.takeCard().ok).toBe(true);
}
const send = (event: JourneyEvent) => api.journeyEvent(event);

async function everythingTheKioskHolds(): Promise<Record<'rpc' | 'snapshots' | 'logs' | 'store' | 'outbox' | 'xfsToKiosk', string>> {
  const tables = (await running.data.store.raw((c) => c.all("SELECT name FROM sqlite_master WHERE type = 'table'"))) as { name: string }[];
  const rows: string[] = [];
  for (const { name } of tables) {
    const all = (await running.data.store.raw((c) => c.all(`SELECT * FROM "${name}"`))) as Record<string, unknown>[];
    // Blobs both ways: as the bytes' text and as hex.
    rows.push(JSON.stringify(all, (_k, v: unknown) => (Buffer.isBuffer(v) ? `${v.toString('latin1')}|${v.toString('hex')}` : v)));
  }
  const local = await running.data.outbox.due({ maxEvents: 1_000, maxBytes: 10_000_000 });
  const atCentral = await central.db.all('SELECT payload_json FROM outbox_events');
  return {
    rpc: rpc.join('\n'),
    snapshots: JSON.stringify([...snapshots, running.core.snapshot()]),
    logs: logs.join(''),
    store: rows.join('\n'),
    outbox: JSON.stringify(local.map((event) => event.payload)) + JSON.stringify(atCentral),
    // What reached the kiosk's process from the ATM (the simulator's side of every frame).
    xfsToKiosk: frames.filter((frame) => frame.direction === 'out').map((frame) => frame.text).join('\n'),
  };
}

describe('the PIN never enters the kiosk', () => {
  it('typed right and wrong through a whole activation, a status check and three wrong PINs, no sequence of its digits is anywhere the kiosk keeps or says anything', async () => {
    await eventually(() => running.core.snapshot().services.every((s) => s.available), 'the ATM services offered', 600, 50);

    // Activation, with one wrong PIN first, and a receipt.
    await insert(holder('activate'));
    await type(WRONG[0]);
    expect((await reach('atm.pin.wrong')).data.attemptsRemaining).toBe(2);
    await type(PINS.activate);
    await reach('atm.menu');
    await send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
    await send({ type: 'ACCEPT_TERMS' });
    await reach('atm.activate.confirm');
    await send({ type: 'CONFIRM_ACTIVATION' });
    await reach('atm.activate.received');
    await send({ type: 'PRINT_RECEIPT' });
    await reach('atm.done.returningCard', true);
    await take();
    expect((await reach('atm.done.finished')).data).toMatchObject({ card: 'taken', receipt: 'printed' });
    await api.endSession({ reason: 'completed' });

    // The status of another card holder's account.
    await insert(holder('status'));
    await type(PINS.status);
    await reach('atm.menu');
    await send({ type: 'CHOOSE_SERVICE', service: 'atmStatus' });
    expect((await reach('atm.status.shown')).data.accountState).toBe('pending_bank');
    await send({ type: 'FINISH' });
    await take();
    await reach('atm.done.finished');
    await api.endSession({ reason: 'completed' });

    // Three wrong PINs: the card is kept, and central hears of it through the outbox.
    await insert(holder('retained'));
    for (const wrong of WRONG.slice(1)) {
      await type(wrong);
      await eventually(() => ['atm.pin.wrong', 'atm.retained.finished'].includes(view()?.step ?? '') && !view()?.busy, 'the bank answered', 600, 20);
    }
    expect((await reach('atm.retained.finished')).data.card).toBe('retained');
    let reported = 0;
    for (let i = 0; i < 300 && reported === 0; i++) {
      reported = Number((await central.db.get(`SELECT COUNT(*) AS n FROM outbox_events WHERE payload_json LIKE '%"type":"card.retained"%' AND payload_json LIKE '%"reason":"pinTriesExhausted"%'`))?.['n']);
      if (reported === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(reported).toBe(1);

    const held = await everythingTheKioskHolds();
    // The search would see a leak: everything was recorded, and a spelled-out PIN is found.
    expect(held.rpc).toContain('atm.pin.wrong');
    expect(held.logs).toContain('"event":"atm.bankDecision"');
    expect(held.store.length).toBeGreaterThan(0);
    expect(held.outbox).toContain('pinTriesExhausted');
    expect(held.xfsToKiosk).toContain('Keyboard.KeyEvent');
    expect(spelled(PINS.activate).test(JSON.stringify({ pin: [...PINS.activate] }))).toBe(true);

    for (const pin of [...Object.values(PINS), ...WRONG]) {
      for (const [where, text] of Object.entries(held)) expect(spelled(pin).test(text), `a PIN in ${where}`).toBe(false);
    }
    // Nor the card's number, beyond its last four digits.
    for (const key of Object.keys(chosen) as (keyof typeof chosen)[]) {
      const pan = chosen[key].customer.pan;
      for (const [where, text] of Object.entries(held)) if (where !== 'xfsToKiosk') expect(text.includes(pan.slice(0, 12)), `a PAN in ${where}`).toBe(false);
    }
  }, 120_000);
});
