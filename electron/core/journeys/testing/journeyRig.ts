import pino from 'pino';
import type { Clock } from '../../../../common/time';
import type { Result } from '../../../../common/result';
import type { CitizenCall, CitizenCallError, CitizenRoute, RouteAnswer, RouteInput } from '../../sync';
import { SimulatedClock } from 'xstate';
import type { RunningCentral, StartCentralOptions } from '../../../../central/server';
import { DEMO_PASSWORD } from '../../../../common/demo/population';
import type { FingerName } from '../../../../common/fingerprint/fingers';
import { fingerLabel, parseFingerName } from '../../../../drivers/lab/fingerNames';
import type { AnyJourneyService, JourneyEvent, JourneyService, JourneyView } from '../../../contract/journeys';
import type { Language } from '../../../contract/session';
import { eventually, insertWhenOpen, startLabRig } from '../../devices/testing/labRig';
import type { LabRig } from '../../devices/testing/labRig';
import { transactionIds } from '../../store/transactionId';
import { callCitizen } from '../../sync/citizenCalls';
import type { CitizenCallPolicy } from '../../sync/citizenCalls';
import { enrolledKiosk, startTestCentral } from '../../sync/testing/centralFixture';
import { storeCaptureSigner } from '../captureSigner';
import type { JourneyPorts, JourneyTimings } from '../ports';
import { JourneyRunner } from '../runner';

export { DEMO_PASSWORD, eventually };

/** The README's fixed people (central/README.md "Demo population"). */
export const people = {
  faisal: { idNumber: '1000000008', username: 'Faisal1042', mobile: '+966548986580', state: 'active' },
  latifa: { idNumber: '1225028834', mobile: '+966564253700', state: 'none' },
  abeer: { idNumber: '1584094989', username: 'Abeer1539', mobile: '+966559287829', state: 'registered', answer: 'Ali' },
  shahad: { idNumber: '1818047795', username: 'Shahad1531', mobile: '+966563412699', state: 'pending_bank' },
  mohammed: { idNumber: '1151487574', username: 'Mohammed3434', mobile: '+966546221794', state: 'locked', answer: 'Ali' },
  anita: { idNumber: '2991854098', username: 'Anita6506', mobile: '+966565479980', state: 'active', answer: 'Hamad' },
  rajesh: { idNumber: '2727704427', mobile: '+966593183702', state: 'none' },
  rajeshResident: { idNumber: '2290297585', username: 'Rajesh3496', mobile: '+966590469204', state: 'registered', answer: 'Alamal' },
  // Beyond the README's ten (same seed, 60 people): more accounts waiting for activation.
  rafiq: { idNumber: '2024169852', state: 'registered' },
  bandar: { idNumber: '1066443019', state: 'registered' },
  amalAlanazi: { idNumber: '1678833581', state: 'registered' },
} as const;

/** A person is waiting at the screen: a lost answer is asked again at once. */
const quick: CitizenCallPolicy = { attempts: 2, timeoutMs: 3_000, backoff: { baseMs: 0, capMs: 0, jitter: 'none' } };

export interface JourneyRig {
  central: RunningCentral;
  lab: LabRig;
  runner: JourneyRunner;
  /** What the runner is bound to (central, the lab's devices, ids), for a KioskCore of a spec's own. */
  ports: JourneyPorts;
  clock: SimulatedClock;
  /** Reasons the runner asked KioskCore to end the session for. */
  endRequests: string[];
  /** Central's domain clock is Date.now() + this (to expire codes and locks). */
  centralClockOffset: { ms: number };
  calls: { route: CitizenRoute; key: string; language: Language | undefined }[];
  /** The customer session's language the runner reads at each call (KioskCore's session); Arabic unless a spec sets it. */
  language: Language | null;
  start(service: JourneyService): void;
  send(event: JourneyEvent): JourneyView<AnyJourneyService>;
  view(): JourneyView<AnyJourneyService>;
  /** Waits until the view's step is `step` (or one of them) and not busy. */
  reach(step: string | string[]): Promise<JourneyView<AnyJourneyService>>;
  /** The E.164 mobile on this person's account, as central has it now. */
  mobileOf(idNumber: string): Promise<string>;
  /** Inserts a card as soon as the kiosk opens the shutter. */
  insertCard(cardId: string): Promise<void>;
  /** The person takes the card at the gate. */
  takeCard(): Promise<void>;
  /** A citizen call straight to central on this kiosk's identity, bypassing the journeys. */
  direct<K extends CitizenRoute>(route: K, input: RouteInput<K>): Promise<Result<RouteAnswer<K>, CitizenCallError>>;
  /** The latest SMS code sent to this E.164 mobile. */
  smsCode(mobile: string): Promise<string>;
  /** How many codes this mobile has been sent. */
  smsCount(mobile: string): Promise<number>;
  /**
   * This person stands at the reader and does what the kiosk asks: puts
   * their finger (their first enrolled one unless named) down when asked for
   * it, lifts it when asked to. Until `lift`, for every capture.
   */
  place(idNumber: string, finger?: string): Promise<void>;
  /** A finger put on the glass now and left there (the last person's): it follows nothing. */
  leaveFinger(idNumber: string, finger?: string): Promise<void>;
  /** The person at the reader takes their finger away and walks off. */
  lift(): Promise<void>;
  newSession(): string;
  close(): Promise<void>;
}

/**
 * The real reference central (port 0, temporary data), an enrolled kiosk
 * identity, the simulated lab's devices over ptys, and a JourneyRunner bound
 * to all three. The runner's clock is simulated (delays fire only when a spec
 * advances it); devices and central run in real time.
 */
export async function startJourneyRig(
  options: { central?: Partial<StartCentralOptions>; timings?: Partial<JourneyTimings>; /** Fit the lab's receipt printer (in `ports.printer`). */ printer?: boolean } = {},
): Promise<JourneyRig> {
  const centralClockOffset = { ms: 0 };
  const { central, close: closeCentral } = await startTestCentral({ populationSize: 60, now: () => Date.now() + centralClockOffset.ms, ...options.central });
  const kiosk = await enrolledKiosk(central);
  const lab = await startLabRig({ captureTimeoutMs: 6_000, printerPollMs: 50 }, { printer: options.printer === true });
  await eventually(() => lab.devices.fingerprint.status === 'online' && lab.devices.cardSlot.status === 'online', 'lab devices online');

  const simulated = new SimulatedClock();
  const clock: Clock = {
    setTimeout: (fn, ms) => simulated.setTimeout(fn, ms),
    clearTimeout: (id) => simulated.clearTimeout(id as number),
    now: () => simulated.now(),
  };
  const calls: { route: CitizenRoute; key: string; language: Language | undefined }[] = [];
  const ports: JourneyPorts = {
    callCitizen: (call) => {
      calls.push({ route: call.route, key: call.idempotencyKey, language: call.language });
      return callCitizen(kiosk.client, call, quick);
    },
    newTransactionId: transactionIds(kiosk.identity.kioskId),
    fingerprint: lab.devices.fingerprint,
    cardSlot: lab.devices.cardSlot,
    signCapture: storeCaptureSigner(kiosk),
    ...(options.printer ? { printer: lab.devices.printer } : {}),
  };
  const endRequests: string[] = [];
  const runner = new JourneyRunner({
    ports,
    clock,
    log: pino({ level: 'silent' }),
    timings: { cardWaitMs: 5_000, cardTakeMs: 1_500, captureMs: 6_000, ...options.timings },
    endSession: (reason) => void endRequests.push(reason),
    sessionLanguage: () => rig.language,
  });

  // The person at the reader, following the guidance on the kiosk's screen.
  const station = lab.lab.fingerprint;
  let atReader: { idNumber: string; finger: FingerName } | null = null;
  const fingerOf = (idNumber: string, finger: string | undefined): FingerName => {
    const named = parseFingerName(finger ?? lab.lab.people.find((p) => p.idNumber === idNumber)?.fingers[0] ?? 'right-index');
    if (!named) throw new Error(`no finger called ${finger ?? ''}`);
    return named;
  };
  const followGuidance = (): void => {
    const guidance = runner.view()?.data.guidance;
    if (!atReader) return;
    const onGlass = station.simulator.fingerOnGlass !== undefined;
    if (guidance === 'liftAndPlaceAgain' && onGlass) station.lift();
    if (guidance === 'placeFinger' && !onGlass) station.place({ personId: atReader.idNumber, finger: atReader.finger });
  };
  runner.onChange(followGuidance);

  let sessions = 0;
  let sessionId = '';
  const rig: JourneyRig = {
    central,
    lab,
    runner,
    ports,
    clock: simulated,
    endRequests,
    centralClockOffset,
    calls,
    language: 'ar',
    newSession() {
      sessionId = `spec-session-${Date.now()}-${++sessions}`;
      return sessionId;
    },
    start(service) {
      if (!sessionId) rig.newSession();
      runner.start(service, { id: sessionId });
    },
    send(event) {
      runner.send(event);
      return rig.view();
    },
    view() {
      const view = runner.view();
      if (!view) throw new Error('no journey');
      return view;
    },
    async reach(step) {
      const wanted = Array.isArray(step) ? step : [step];
      let last = '';
      try {
        await eventually(() => {
          const view = runner.view();
          last = view ? `${view.step}${view.busy ? ' (busy)' : ''} ${JSON.stringify(view.error)}` : 'no journey';
          return view !== null && wanted.includes(view.step) && !view.busy;
        }, `step ${wanted.join(' | ')}`, 600, 20);
      } catch {
        throw new Error(`never reached ${wanted.join(' | ')}; last: ${last}`);
      }
      return rig.view();
    },
    direct<K extends CitizenRoute>(route: K, input: RouteInput<K>) {
      const call: CitizenCall<K> = { route, idempotencyKey: ports.newTransactionId(), ...input };
      return callCitizen(kiosk.client, call, quick);
    },
    async mobileOf(idNumber) {
      const row = await central.db.get('SELECT mobile FROM accounts WHERE id_number = ?', [idNumber]);
      if (!row || typeof row['mobile'] !== 'string') throw new Error('no account mobile');
      return row['mobile'];
    },
    async insertCard(cardId) {
      await insertWhenOpen(lab, cardId);
    },
    async takeCard() {
      await eventually(() => lab.lab.state().cardSlot.card?.at === 'gate', 'the card at the gate');
      const taken = await lab.control('/card/take', {});
      if (taken.status !== 200) throw new Error(`take refused: ${JSON.stringify(taken.body)}`);
    },
    async smsCode(mobile) {
      const row = await central.db.get('SELECT code FROM sms_outbox WHERE to_mobile = ? AND code IS NOT NULL ORDER BY id DESC LIMIT 1', [mobile]);
      if (!row || typeof row['code'] !== 'string') throw new Error(`no code was sent to …${mobile.slice(-3)}`);
      return row['code'];
    },
    async smsCount(mobile) {
      const row = await central.db.get('SELECT COUNT(*) AS n FROM sms_outbox WHERE to_mobile = ? AND code IS NOT NULL', [mobile]);
      return Number(row?.['n'] ?? 0);
    },
    place(idNumber, finger) {
      atReader = { idNumber, finger: fingerOf(idNumber, finger) };
      // Someone else's finger is not theirs to keep there; their own goes down when the kiosk asks.
      if (station.simulator.fingerOnGlass?.personId !== idNumber) station.lift();
      followGuidance();
      return Promise.resolve();
    },
    async leaveFinger(idNumber, finger) {
      atReader = null;
      const placed = await lab.control('/fingerprint/place', { person: idNumber, finger: fingerLabel(fingerOf(idNumber, finger)) });
      if (placed.status !== 200) throw new Error(`place refused: ${JSON.stringify(placed.body)}`);
    },
    async lift() {
      atReader = null;
      await lab.control('/fingerprint/lift', {});
    },
    async close() {
      runner.endSession();
      await lab.close();
      await kiosk.dispose();
      await closeCentral();
    },
  };
  return rig;
}
