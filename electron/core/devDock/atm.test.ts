import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentral, type TestCentral } from '../../../central/testing/harness';
import { TestKiosk } from '../../../central/testing/kioskClient';
import { generatePopulation } from '../../../common/demo/population';
import { demoBankCustomers, DEMO_EXPIRED_CARD_PAN, DEMO_UNLINKED_CARD_PAN } from '../../../drivers/bankHost/customers';
import { type AtmStation, startAtmStation } from '../../../drivers/lab/atmStation';
import { authorise, connectAtmDevices, until } from '../../../drivers/lab/testing/atmKiosk';
import type { AtmDevices } from '../../../drivers/xfs4iot/atm';
import { connectKiosk, createMemoryChannelPair, type KioskApi } from '../../contract';
import { resolveConfig } from '../config/load';
import { KioskCore } from '../kiosk';
import { createLogger } from '../log';
import { dockCentralOf } from './embeddedCentral';
import { DevDockService } from './service';

/**
 * The dock's ATM panel, data side: a person at the lab's ATM station driven
 * through the kiosk's contract (as the renderer's dock calls it), the kiosk's
 * own XFS4IoT devices on the other side of the ATM, the bank host's
 * decisions, and a real central's pending bank activations with "activate now".
 */

const population = generatePopulation();
const customers = demoBankCustomers(population);
/** The featured registered citizen with a bank card: the one who would activate at an ATM. */
const shahad = population.people[2]!;
const card = shahad.bankCard!;
const cardId = `bank-${card.pan}`;
const pin = customers.find((customer) => customer.pan === card.pan)!.pin;
const devices = { statuses: () => ({ fingerprint: 'noDevice', cardSlot: 'noDevice', magstripe: 'noDevice' }) as const };

const logLines: string[] = [];
const log = createLogger({
  level: 'debug',
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
});

/** A demo KioskCore serving this dock, reached through the real contract (every input checked by its schema). */
function dockApi(dock: DevDockService): KioskApi {
  const core = new KioskCore({ config: resolveConfig([{ profile: 'demo' }]), logger: log, devDock: dock });
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  core.connect(coreEnd);
  return connectKiosk(rendererEnd, { snapshot: () => undefined, sessionEnded: () => undefined, reloadRequested: () => undefined }).api;
}

let station: AtmStation;
let central: TestCentral;
let dock: DevDockService;
let api: KioskApi;
let kiosk: AtmDevices;
beforeAll(async () => {
  [station, central] = await Promise.all([startAtmStation({ log, population, port: 0 }), startTestCentral()]);
  dock = new DevDockService({ lab: undefined, central: dockCentralOf(central), devices, log, atm: station });
  api = dockApi(dock);
  kiosk = await connectAtmDevices(station.publisherUrl);
});
afterAll(async () => {
  dock?.close();
  await kiosk?.close();
  await station?.close();
  await central?.stop();
});

describe('dev dock: the ATM', () => {
  it('lists the bank cards with masked holder IDs and demo PINs, and says they are demo only', async () => {
    const catalogue = await api.devDockAtmCatalogue({});
    expect(catalogue.hasAtm).toBe(true);
    expect(catalogue.notice).toMatch(/DEMO ONLY/);
    expect(catalogue.cards.find((c) => c.id === cardId)).toEqual({
      id: cardId,
      panLast4: card.pan.slice(-4),
      bankCode: card.bankCode,
      holderIdMasked: `******${shahad.idNumber.slice(-4)}`,
      expiry: card.expiry,
      status: 'valid',
      demoPin: pin,
    });
    expect(catalogue.cards.find((c) => c.id === `bank-${DEMO_EXPIRED_CARD_PAN}`)?.status).toBe('expired');
    expect(catalogue.cards.find((c) => c.id === `bank-${DEMO_UNLINKED_CARD_PAN}`)).toMatchObject({ status: 'unlinked', holderIdMasked: null });
    expect(catalogue.cards).toHaveLength(customers.length);
  });

  it('a person activates at the ATM with the dock alone: card, PIN on the EPP, the bank approves, central holds it pending, "activate now" sends the SMS', async () => {
    expect((await central.rows('SELECT state FROM accounts WHERE id_number = ?', [shahad.idNumber]))[0]?.state).toBe('registered');

    // The card offered before the ATM asks waits at the slot, then goes in.
    const held = await api.devDockAtmInsertCard({ cardId });
    expect(held).toMatchObject({ ok: true, done: 'heldAtSlot', state: { atm: { position: 'empty', heldCard: { id: cardId, kind: 'bank', last4: card.pan.slice(-4) } } } });
    const read = await kiosk.waitForCard();
    expect(read).toMatchObject({ ok: true, value: { pan: card.pan } });
    expect((await api.devDockAtmState({})).atm).toMatchObject({ position: 'inside', heldCard: null, card: { id: cardId, kind: 'bank' } });

    // The PIN, typed on the dock's EPP: the kiosk hears four presses and Enter.
    const entry = kiosk.readPin({ minLength: 4, maxLength: 12, onKey: () => undefined });
    await until(() => station.control.state().keyboard.entry === 'pin', 'the EPP reads a PIN');
    const typed = await api.devDockAtmPressKeys({ keys: pin });
    expect(typed).toMatchObject({ ok: true, done: 'keysPressed', accepted: 4, ignored: 0, state: { atm: { epp: { entry: 'pin', digitsEntered: 4 } } } });
    expect(await api.devDockAtmPressKeys({ keys: 'enter' })).toMatchObject({ ok: true, accepted: 1 });
    expect(await entry).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });

    // What the core's journey will do: the block to the bank, the attestation to central.
    const block = await kiosk.pinBlock({ pan: card.pan, format: 'iso4' });
    if (!block.ok) throw new Error(block.error.type);
    const answer = await authorise(station.bankHostUrl, { pan: card.pan, expiry: card.expiry.slice(2, 4) + card.expiry.slice(5, 7), pinBlock: block.value.block, format: 'iso4' });
    if (typeof answer !== 'object' || !('outcome' in answer) || answer.outcome !== 'approved') throw new Error(`not approved: ${JSON.stringify(answer)}`);
    const seen = await api.devDockAtmState({});
    expect(seen.bank?.decisions[0]).toMatchObject({ panLast4: card.pan.slice(-4), format: 'iso4', outcome: 'approved' });
    expect(seen.bank?.decisions[0]).not.toHaveProperty('attestationId');

    const atmKiosk = await TestKiosk.create(central.url, central.caCertPem);
    try {
      await atmKiosk.enrol(await central.issueEnrolmentCode());
      expect((await atmKiosk.call('/v1/citizens/activations/bank', { body: { attestation: answer.attestation } })).status).toBe(202);
    } finally {
      await atmKiosk.close();
    }
    const pending = (await api.devDockAtmState({})).central?.pendingActivations.find((p) => p.idNumber === shahad.idNumber);
    expect(pending).toMatchObject({ idNumber: shahad.idNumber, bankCode: card.bankCode, requestedAt: expect.any(String) });
    expect(Date.parse(pending!.dueAt!) - Date.parse(pending!.requestedAt!)).toBe(central.context.options.bankActivationDelayMs);

    const run = await api.devDockRunBankActivations({});
    expect(run).toMatchObject({ ok: true, done: 'activationsRun', activated: 1 });
    expect(run.state.central?.pendingActivations.map((p) => p.idNumber)).not.toContain(shahad.idNumber);
    expect((await central.rows('SELECT state FROM accounts WHERE id_number = ?', [shahad.idNumber]))[0]?.state).toBe('active');
    const { messages } = await api.devDockReadSms({ limit: 5 });
    expect(messages.filter((m) => m.to === shahad.mobile)).toHaveLength(1);
    expect(await api.devDockRunBankActivations({})).toMatchObject({ ok: true, activated: 0 });

    // The card back: the person takes it from the exit.
    expect(await kiosk.ejectCard()).toEqual({ ok: true, value: undefined });
    expect((await api.devDockAtmState({})).atm?.position).toBe('atExit');
    expect(await api.devDockAtmTakeCard({})).toMatchObject({ ok: true, done: 'taken', state: { atm: { position: 'empty', card: null } } });
  });

  it('FDKs pressed on the dock reach the kiosk by name', async () => {
    const heard: string[] = [];
    const stop = new AbortController();
    const navigation = kiosk.navigationKeys({ onKey: (key) => heard.push(key), signal: stop.signal });
    await until(() => station.control.state().keyboard.entry === 'data', 'the EPP reads FDKs');
    expect(await api.devDockAtmPressKeys({ keys: 'fdk01 fdk08 cancel' })).toMatchObject({ ok: true, accepted: 3 });
    await until(() => heard.length === 3, 'the kiosk hears the keys');
    expect(heard).toEqual(['fdk01', 'fdk08', 'cancel']);
    stop.abort();
    await navigation;
  });

  it('headphones plugged into the jack on the dock reach the kiosk as the ATM’s Auxiliaries sensor, and out again', async () => {
    const heard: boolean[] = [];
    const stop = kiosk.onHeadset((plugged) => heard.push(plugged));
    expect(await api.devDockAtmHeadset({ plugged: true })).toMatchObject({ ok: true, done: 'headsetPlugged', state: { atm: { headset: true } } });
    await until(() => heard.length === 1, 'the kiosk hears the headphones go in');
    expect(await api.devDockAtmHeadset({ plugged: false })).toMatchObject({ ok: true, done: 'headsetUnplugged', state: { atm: { headset: false } } });
    await until(() => heard.length === 2, 'the kiosk hears them come out');
    expect(heard).toEqual([true, false]);
    stop();
  });

  it('what a person cannot do comes back as a refusal; what is not a key, a card or a fault is refused by the contract', async () => {
    expect(await api.devDockAtmTakeCard({})).toMatchObject({ ok: false, refusal: 'noCardToTake' });
    expect(await api.devDockAtmPressKeys({ keys: '12' })).toMatchObject({ ok: true, accepted: 0, ignored: 2 });
    for (const keys of ['12x4', 'fdk09', '', 'enter;rm']) await expect(api.devDockAtmPressKeys({ keys }), keys).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(api.devDockAtmInsertCard({ cardId: 'bank-0000' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(api.devDockAtmFault({ kind: 'serviceDown' } as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(api.devDockAtmFault({ kind: 'noCompletion', command: 'Common.Status' } as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(await api.devDockAtmResetPinTries({ cardId: `nationalId-${shahad.idNumber}` })).toMatchObject({ ok: false, refusal: 'unknownBankCard' });
    expect(await api.devDockAtmResetPinTries({ cardId })).toMatchObject({ ok: true, done: 'triesReset' });

    // A second card while one is inside.
    const read = kiosk.waitForCard();
    await until(() => station.control.state().reader.accepting, 'the ATM asks for a card');
    expect(await api.devDockAtmInsertCard({ cardId })).toMatchObject({ ok: true, done: 'inserted' });
    expect((await read).ok).toBe(true);
    expect(await api.devDockAtmInsertCard({ cardId })).toMatchObject({ ok: false, refusal: 'readerOccupied' });
    expect(await kiosk.retainCard()).toEqual({ ok: true, value: undefined });
    expect((await api.devDockAtmState({})).atm?.retainedCards).toBe(1);
  });

  it('faults: the ATM and the bank host switch as asked, the state shows them, none puts all right', async () => {
    const down = await api.devDockAtmFault({ kind: 'serviceDown', service: 'PinPad' });
    expect(down).toMatchObject({ ok: true, done: 'faultSet', state: { atm: { services: { PinPad: { up: false } }, faults: [{ kind: 'serviceDown', service: 'PinPad' }] } } });
    expect((await api.devDockAtmFault({ kind: 'noCompletion', command: 'PinPad.GetPinBlock' })).state.atm?.faults).toContainEqual({ kind: 'noCompletion', command: 'PinPad.GetPinBlock' });
    expect((await api.devDockAtmFault({ kind: 'eppError' })).state.atm?.faults).toContainEqual({ kind: 'eppError' });
    expect((await api.devDockAtmFault({ kind: 'bankDown' })).state.bank?.availability).toBe('unavailable');
    expect((await api.devDockAtmFault({ kind: 'bankDrop' })).state.bank?.availability).toBe('drop');
    const none = await api.devDockAtmFault({ kind: 'none' });
    expect(none.state).toMatchObject({ atm: { faults: [], services: { PinPad: { up: true } } }, bank: { availability: 'up' } });
  });

  it('a dock without an ATM refuses the ATM actions as values and still shows central; without central, "activate now" is refused', async () => {
    const bare = new DevDockService({ lab: undefined, central: dockCentralOf(central), devices, log });
    const bareApi = dockApi(bare);
    expect(await bareApi.devDockAtmCatalogue({})).toEqual({ hasAtm: false, notice: '', cards: [] });
    expect(await bareApi.devDockAtmInsertCard({ cardId })).toMatchObject({ ok: false, refusal: 'noAtm', state: { atm: null, bank: null, central: { pendingActivations: expect.any(Array) } } });
    expect(await bareApi.devDockAtmPressKeys({ keys: '1' })).toMatchObject({ ok: false, refusal: 'noAtm' });
    expect(await bareApi.devDockAtmFault({ kind: 'none' })).toMatchObject({ ok: false, refusal: 'noAtm' });
    const alone = new DevDockService({ lab: undefined, central: undefined, devices, log, atm: station });
    expect(await dockApi(alone).devDockRunBankActivations({})).toMatchObject({ ok: false, refusal: 'noCentral', state: { central: null } });
    bare.close();
    alone.close();
  });

  it('no log line holds the PIN, the whole PAN or the whole ID number', () => {
    // Times, the process id and the loopback ports are digits that may hold any four by chance; they are no one's data.
    const lines = logLines.map((line) =>
      line
        .replace(/"(time|pid)":\d+,/g, '')
        .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<date-time>')
        .replaceAll(station.publisherUrl, '<atm>')
        .replaceAll(station.bankHostUrl, '<bank>'),
    );
    expect(lines.some((line) => line.includes('"devDock.atmPressKeys"'))).toBe(true);
    for (const line of lines) for (const secret of [pin, card.pan, shahad.idNumber]) expect(line).not.toContain(secret);
  });
});
