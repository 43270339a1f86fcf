import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { connectKiosk, createMemoryChannelPair } from '../../contract';
import type { KioskApi, KioskSnapshot, SessionEndReason } from '../../contract';
import { resolveConfig } from '../config/load';
import { KioskCore } from '../kiosk';
import { createLogger } from '../log';
import { FakeWorld, SECRETS, problem } from './testing/fakeWorld';

/**
 * The journeys through the real contract: procedures validated by their
 * schemas, the journey in the snapshot, refusals as typed KioskErrors that
 * change nothing, and the session ending on a referral to staff.
 */

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function kioskWithJourneys(world: FakeWorld) {
  const simulated = new SimulatedClock();
  const logLines: string[] = [];
  const core = new KioskCore({
    config: resolveConfig([{ central: { url: 'https://central.invalid', caFile: '/dev/null' } }]),
    logger: createLogger({ level: 'info', destination: new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(chunk.toString()), done()) }) }),
    clock: { setTimeout: (fn, ms) => simulated.setTimeout(fn, ms), clearTimeout: (id) => simulated.clearTimeout(id as number), now: () => simulated.now() },
    newSessionId: () => 'contract-session-1',
    journeyPorts: world.ports,
  });
  core.markStarted();
  core.setCentralReachable(true);
  core.setDeviceStatus('fingerprint', 'online');
  core.setDeviceStatus('cardSlot', 'online');
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const disconnect = core.connect(coreEnd);
  const snapshots: KioskSnapshot[] = [];
  const ended: SessionEndReason[] = [];
  const client = connectKiosk(rendererEnd, { snapshot: (s) => snapshots.push(s), sessionEnded: (e) => ended.push(e.reason), reloadRequested: () => undefined });
  stop = () => {
    client.close();
    disconnect();
    core.stop();
  };
  return { core, api: client.api as KioskApi, snapshots, ended, logLines };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('journeys over the kiosk contract', () => {
  it('offers the built journeys as services, and starts one only inside a session', async () => {
    const { api } = kioskWithJourneys(new FakeWorld());
    const services = (await api.getSnapshot({})).services.filter((s) => s.available).map((s) => s.id);
    expect(services).toEqual(['register', 'activate', 'signIn', 'recoverPassword', 'recoverUsername', 'updateMobile', 'changeEmail', 'changePassword', 'changeAddress', 'changeMobile']);
    await expect(api.startJourney({ service: 'activate' })).rejects.toMatchObject({ code: 'no_session' });
    await api.startSession({ trigger: 'touch' });
    const snapshot = await api.startJourney({ service: 'activate' });
    expect(snapshot.journey).toMatchObject({ service: 'activate', step: 'activate.id', busy: false, error: null, canGoBack: false });
  });

  it('refuses a step the journey is not at (CONFIRM_ACTIVATION before any verification): not_allowed, nothing changes', async () => {
    const { api } = kioskWithJourneys(new FakeWorld());
    await api.startSession({ trigger: 'touch' });
    const before = await api.startJourney({ service: 'activate' });
    await expect(api.journeyEvent({ type: 'CONFIRM_ACTIVATION' })).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(api.journeyEvent({ type: 'SUBMIT_CODE', code: '1234' })).rejects.toMatchObject({ code: 'not_allowed' });
    const after = await api.getSnapshot({});
    expect(after.journey).toEqual(before.journey);
    expect(after.revision).toBe(before.revision);
  });

  it('refuses malformed events before the journey sees them', async () => {
    const { api } = kioskWithJourneys(new FakeWorld());
    await api.startSession({ trigger: 'touch' });
    await api.startJourney({ service: 'signIn' });
    const raw = api as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    await expect(raw['journeyEvent']!({ type: 'JUMP_TO_DONE' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(raw['journeyEvent']!({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: 'x', extra: true })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(raw['startJourney']!({ service: 'payFines' })).rejects.toMatchObject({ code: 'invalid_argument' });
    // The contract is the only check (the runner trusts typed input): the journey never saw them.
    expect((await api.getSnapshot({})).journey).toMatchObject({ step: 'signIn.credentials', error: null });
  });

  it('a journey needing the reader is unavailable while it is offline', async () => {
    const { core, api } = kioskWithJourneys(new FakeWorld());
    core.setDeviceStatus('fingerprint', 'offline');
    await api.startSession({ trigger: 'touch' });
    await expect(api.startJourney({ service: 'activate' })).rejects.toMatchObject({ code: 'unavailable' });
    expect((await api.startJourney({ service: 'signIn' })).journey?.step).toBe('signIn.credentials');
  });

  it('a journey runs through the snapshot; no secret is ever in one, nor in the log', async () => {
    const world = new FakeWorld();
    const { api, snapshots, logLines } = kioskWithJourneys(world);
    await api.startSession({ trigger: 'touch' });
    await api.startJourney({ service: 'signIn' });
    await api.journeyEvent({ type: 'SUBMIT_CREDENTIALS', login: SECRETS.idNumber, password: SECRETS.password });
    await settle();
    expect((await api.getSnapshot({})).journey?.step).toBe('signIn.code.entry');
    await api.journeyEvent({ type: 'SUBMIT_CODE', code: SECRETS.code });
    await settle();
    expect((await api.getSnapshot({})).journey).toMatchObject({ step: 'signIn.signedIn', data: { firstName: { en: 'Faisal' } } });
    const everything = JSON.stringify(snapshots) + logLines.join('');
    for (const secret of [SECRETS.idNumber, SECRETS.password, SECRETS.code, SECRETS.sessionToken]) expect(everything).not.toContain(secret);
  });

  it('three failed matches end the session with a referral to staff; the journey is gone from the snapshot', async () => {
    const world = new FakeWorld().answer('verifications/fingerprint', problem('fingerprint_attempts_exhausted', { attemptsRemaining: 0 }, 403));
    const { api, ended } = kioskWithJourneys(world);
    await api.startSession({ trigger: 'touch' });
    await api.startJourney({ service: 'activate' });
    await api.journeyEvent({ type: 'USE_CARD' });
    await settle();
    expect(ended).toEqual(['referToStaff']);
    const snapshot = await api.getSnapshot({});
    expect(snapshot.session).toBeNull();
    expect(snapshot.journey).toBeNull();
  });

  it('cancel leaves the journey, not the session; ending the session drops the journey', async () => {
    const { api } = kioskWithJourneys(new FakeWorld());
    await api.startSession({ trigger: 'touch' });
    await api.startJourney({ service: 'register' });
    expect((await api.cancelJourney({})).journey).toBeNull();
    await expect(api.cancelJourney({})).rejects.toMatchObject({ code: 'not_allowed' });
    await api.startJourney({ service: 'register' });
    const ended = await api.endSession({ reason: 'cancel' });
    expect(ended.journey).toBeNull();
    await expect(api.journeyEvent({ type: 'BACK' })).rejects.toMatchObject({ code: 'no_session' });
  });
});
