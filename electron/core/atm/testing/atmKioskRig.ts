import { Writable } from 'node:stream';
import { SimulatedClock } from 'xstate';
import { err } from '../../../../common/result';
import type { Clock } from '../../../../common/time';
import { demoBranding } from '../../../../common/demo/kioskDefaults';
import { generatePopulation } from '../../../../common/demo/population';
import type { LabAccountState, LabPerson } from '../../../../common/demo/population';
import type { RunningCentral } from '../../../../central/server';
import { demoBankCustomers } from '../../../../drivers/bankHost/customers';
import type { BankCustomer } from '../../../../drivers/bankHost/customers';
import { startBankHost } from '../../../../drivers/bankHost/server';
import type { RunningBankHost } from '../../../../drivers/bankHost/server';
import { makeBankCard } from '../../../../drivers/lab/cards';
import { demoEncipherPin } from '../../../../drivers/lab/atmStation';
import { AtmDevices } from '../../../../drivers/xfs4iot/atm';
import { XfsClient } from '../../../../drivers/xfs4iot/client';
import { startSimulatedAtm } from '../../../../drivers/xfs4iot/simulator';
import type { AtmCard, FrameRecord, SimulatedAtm } from '../../../../drivers/xfs4iot/simulator';
import { RIG_TIMINGS } from '../../../../drivers/xfs4iot/testing/atmRig';
import { connectKiosk, createMemoryChannelPair } from '../../../contract';
import type { AtmJourneyView, JourneyEvent, KioskApi, KioskSnapshot, SessionEndReason } from '../../../contract';
import { resolveConfig } from '../../config/load';
import { eventually } from '../../devices/testing/labRig';
import { KioskCore } from '../../kiosk';
import { createLogger } from '../../log';
import { transactionIds } from '../../store/transactionId';
import { callCitizen } from '../../sync/citizenCalls';
import type { CitizenCallPolicy } from '../../sync/citizenCalls';
import { enrolledKiosk, startTestCentral } from '../../sync/testing/centralFixture';
import { createBankClient } from '../bankClient';
import { AtmService } from '../service';
import type { AtmReport } from '../service';

export { eventually };

/**
 * A kiosk core in ATM mode against the real pieces, all on 127.0.0.1: the
 * simulated ATM (XFS4IoT over WebSockets, the EPP enciphering real ISO 9564
 * blocks under the demo keys), the simulated bank host, and the reference
 * central (mTLS, 60 demo people, the demo banks trusted). The core runs on a
 * simulated clock — its session, journey and card-take timers move only when
 * a spec says — with one renderer on the contract, every message of which
 * is kept, as is every log line.
 */

/** The EPP's cipher, as the lab's: real blocks under the published demo keys (TEST ONLY). */
export { demoEncipherPin };

const population = generatePopulation();

/** A demo person with a bank card, and the bank's record of it (PIN included: the bank host's demo data). */
export interface CardHolder {
  readonly person: LabPerson;
  readonly customer: BankCustomer;
  readonly card: AtmCard;
}

export function cardHolderOf(customer: BankCustomer): CardHolder {
  const person = population.people.find((p) => p.idNumber === customer.nationalIdNumber);
  const linked = customer.nationalIdNumber ?? '0000000000';
  return { person: person ?? population.people[0]!, customer, card: makeBankCard(customer.pan, customer.nameOnCard, customer.expiry, linked) };
}

/** The `index`-th demo card holder whose account is in `state` (so each spec can take a fresh one). */
export function holderIn(state: LabAccountState, index = 0, customers: readonly BankCustomer[] = demoBankCustomers(population)): CardHolder {
  const matching = customers.filter((c) => population.people.some((p) => p.idNumber === c.nationalIdNumber && (p.account?.state ?? 'none') === state));
  const customer = matching[index];
  if (!customer) throw new Error(`no ${index + 1}th card holder with a ${state} account`);
  return cardHolderOf(customer);
}

const quick: CitizenCallPolicy = { attempts: 2, timeoutMs: 3_000, backoff: { baseMs: 0, capMs: 0, jitter: 'none' } };

export interface AtmKioskRig {
  readonly core: KioskCore;
  readonly api: KioskApi;
  readonly central: RunningCentral;
  readonly atm: SimulatedAtm;
  readonly bank: RunningBankHost;
  readonly service: AtmService;
  readonly clock: SimulatedClock;
  /** Every message between core and renderer, both ways, as sent. */
  readonly rpc: string[];
  readonly logs: string[];
  readonly snapshots: KioskSnapshot[];
  readonly ended: SessionEndReason[];
  readonly reports: AtmReport[];
  /** The enrolled kiosk's id (on every receipt). */
  readonly kioskId: string;
  /** Every transaction id the core made, in order (the last request's is a receipt's reference). */
  readonly transactionIds: string[];
  view(): AtmJourneyView | null;
  /** Waits until the ATM journey is at `step` (one of them) and not busy (or busy too, with `busy: true`). */
  reach(step: string | readonly string[], options?: { busy?: boolean }): Promise<AtmJourneyView>;
  /** Puts the card in as soon as the ATM opens its slot. */
  insert(card: AtmCard): Promise<void>;
  /** Types keys on the EPP once it is taking the PIN (`"1234 enter"`). */
  keys(keys: string): Promise<void>;
  send(event: JourneyEvent): Promise<KioskSnapshot>;
  /** Takes the card once it is at the exit. */
  take(): Promise<void>;
  /** Moves the core clock on until the card at the exit has been kept for not being taken. */
  leaveCard(): Promise<void>;
  /** Between specs: the session ended and any card out of the ATM. */
  reset(): Promise<void>;
  accountState(idNumber: string): Promise<string>;
  close(): Promise<void>;
}

interface AtmKioskRigOptions {
  readonly customers?: readonly BankCustomer[];
  readonly takeTimeoutMs?: number;
  /** Every XFS4IoT frame in and out of the simulated ATM (the bench counts the frames a card's steps take). */
  readonly onFrame?: (frame: FrameRecord) => void;
}

export async function startAtmKiosk(options: AtmKioskRigOptions = {}): Promise<AtmKioskRig> {
  const { central, close: closeCentral } = await startTestCentral({ populationSize: 60 });
  const kiosk = await enrolledKiosk(central);
  const atm = await startSimulatedAtm({ encipherPin: demoEncipherPin, port: 0, ...(options.onFrame ? { onFrame: options.onFrame } : {}) });
  const logs: string[] = [];
  const log = createLogger({ level: 'debug', destination: new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString()), done()) }) });
  const bank = await startBankHost({ ...(options.customers ? { customers: options.customers } : {}), log: log.child({ service: 'bank-host' }) });

  const simulated = new SimulatedClock();
  const clock: Clock = { setTimeout: (fn, ms) => simulated.setTimeout(fn, ms), clearTimeout: (id) => simulated.clearTimeout(id as number), now: () => simulated.now() };
  const reports: AtmReport[] = [];
  const service = new AtmService({
    connect: async () => {
      const client = await XfsClient.connect({ candidates: [atm.publisherUrl], timings: RIG_TIMINGS, reconnect: { baseMs: 20, capMs: 200, jitter: 'none' } });
      return client.ok ? { ok: true, value: new AtmDevices(client.value, { clock }) } : client;
    },
    bank: createBankClient({ url: bank.url, backoff: { baseMs: 20, capMs: 50, jitter: 'none' } }),
    settings: { pinBlockFormat: 'iso0', pinLength: { min: 4, max: 12 }, takeTimeoutMs: options.takeTimeoutMs ?? 30_000 },
    log,
    reconnect: { baseMs: 20, capMs: 200, jitter: 'none' },
    report: (event) => void reports.push(event),
    receipt: { kioskId: kiosk.identity.kioskId, portalName: demoBranding.portalName, supportNumber: demoBranding.supportNumber, widthDots: 576 },
  });

  const unbuilt = () => Promise.resolve(err({ type: 'unavailable' as const, status: 'noDevice' as const }));
  // Long idle timings: a spec moves the simulated clock on to run out a card's take time, not the session.
  const config = resolveConfig([
    {
      mode: 'atm',
      central: { url: central.url, caFile: '/dev/null' },
      atm: { bankHost: { url: bank.url } },
      session: { idleWarningAfterMs: 600_000, idleCountdownMs: 120_000, sessionCapMs: 3_600_000 },
    },
  ]);
  let sessions = 0;
  const newTransactionId = transactionIds(kiosk.identity.kioskId);
  const issuedIds: string[] = [];
  const core = new KioskCore({
    config,
    logger: log,
    clock,
    newSessionId: () => `atm-session-${++sessions}`,
    journeyPorts: {
      callCitizen: (call) => callCitizen(kiosk.client, call, quick),
      newTransactionId: () => {
        const id = newTransactionId();
        issuedIds.push(id);
        return id;
      },
      fingerprint: { capture: unbuilt },
      cardSlot: { waitForCard: unbuilt, readIdentity: unbuilt, returnCard: unbuilt },
      signCapture: () => Promise.reject(new Error('no fingerprints at an ATM')),
      atm: service.journeyPorts(),
    },
    atm: service,
  });
  service.onStatus((device, status) => core.setDeviceStatus(device, status));
  core.setCentralReachable(true);
  core.markStarted();
  service.start();

  const rpc: string[] = [];
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const record = (end: typeof coreEnd): typeof coreEnd => ({ ...end, post: (data) => (rpc.push(data), end.post(data)) });
  const disconnect = core.connect(record(coreEnd));
  const snapshots: KioskSnapshot[] = [];
  const ended: SessionEndReason[] = [];
  const client = connectKiosk(record(rendererEnd), { snapshot: (s) => snapshots.push(s), sessionEnded: (e) => ended.push(e.reason), reloadRequested: () => undefined });

  const view = (): AtmJourneyView | null => core.snapshot().atmJourney ?? null;
  const rig: AtmKioskRig = {
    core,
    api: client.api,
    central,
    atm,
    bank,
    service,
    clock: simulated,
    rpc,
    logs,
    snapshots,
    ended,
    reports,
    kioskId: kiosk.identity.kioskId,
    transactionIds: issuedIds,
    view,
    async reach(step, { busy = false } = {}) {
      const wanted: readonly string[] = typeof step === 'string' ? [step] : step;
      let last = '';
      try {
        await eventually(() => {
          const now = view();
          last = now ? `${now.step}${now.busy ? ' (busy)' : ''} ${JSON.stringify(now.error)}` : 'no ATM journey';
          return now !== null && wanted.includes(now.step) && (busy || !now.busy);
        }, `step ${wanted.join(' | ')}`, 600, 20);
      } catch {
        throw new Error(`never reached ${wanted.join(' | ')}; last: ${last}`);
      }
      return view()!;
    },
    async insert(card) {
      await eventually(() => atm.control.state().cardReader.accepting, 'the ATM opens its card slot');
      const inserted = atm.control.insertCard(card);
      if (!inserted.ok) throw new Error(`insert refused: ${inserted.error.type}`);
    },
    async keys(keys) {
      await eventually(() => atm.control.state().keyboard.entry === 'pin', 'the EPP takes the PIN');
      const pressed = atm.control.pressKeys(keys);
      if (!pressed.ok) throw new Error(`bad key ${pressed.error.key}`);
    },
    send: (event) => client.api.journeyEvent(event),
    async take() {
      await eventually(() => atm.control.state().cardReader.media === 'entering', 'the card at the exit');
      const taken = atm.control.takeCard();
      if (!taken.ok) throw new Error('no card to take');
    },
    async leaveCard() {
      await eventually(() => atm.control.state().cardReader.media === 'entering', 'the card at the exit');
      // The take timer starts when the eject's completion arrives: move on until it has run out.
      await eventually(() => {
        simulated.increment(options.takeTimeoutMs ?? 30_000);
        return atm.control.state().cardReader.media === 'notPresent';
      }, 'the card kept');
    },
    async reset() {
      central.setFault({ mode: 'none' });
      bank.control.setAvailability('up');
      atm.control.clearFaults();
      if (core.snapshot().session) await client.api.endSession({ reason: 'cancel' });
      await eventually(() => {
        if (atm.control.state().cardReader.media === 'entering') atm.control.takeCard();
        return !service.cardHeld && atm.control.state().cardReader.media === 'notPresent';
      }, 'no card left in the ATM');
    },
    async accountState(idNumber) {
      const row = await central.db.get('SELECT state FROM accounts WHERE id_number = ?', [idNumber]);
      return String(row?.['state'] ?? 'none');
    },
    async close() {
      client.close();
      disconnect();
      core.stop();
      await service.stop();
      await atm.close();
      await bank.close();
      await kiosk.dispose();
      await closeCentral();
    },
  };
  return rig;
}
