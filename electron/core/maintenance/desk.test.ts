import pino from 'pino';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok } from '../../../common/result';
import type { TelemetryFact } from '../../../common/wire/telemetry';
import { ManualClock } from '../sync/testing/manualClock';
import type { MaintenanceDeskPorts } from './desk';
import { centralPinRefusal } from './centralPin';
import type { CentralPinCheck } from './centralPin';
import { MAINTENANCE_CAP_MS, MAINTENANCE_IDLE_MS, MaintenanceDesk, normaliseTechnicianId, PIN_PAD_IDLE_MS } from './desk';
import { problemAnswer } from '../sync/newerCentral';
import type { CentralError } from '../sync/centralError';
import { FIRST_LOCK_MS, LockoutBook } from './lockout';

const PIN = '2468';

function rig(options: { central?: 'up' | 'down'; offline?: boolean; customer?: boolean } = {}) {
  const clock = new ManualClock();
  const facts: TelemetryFact[] = [];
  const actors: string[] = [];
  const state = { central: options.central ?? 'up', customer: options.customer ?? false, takenOver: false, rechecks: 0, actions: [] as string[] };
  const known: Record<string, { name: string; pin: string }> = { '1001': { name: 'Technician One', pin: PIN } };
  const ports: MaintenanceDeskPorts = {
    clock,
    log: pino({ level: 'silent' }),
    inCustomerSession: () => state.customer,
    isOutOfService: () => false,
    setTakenOver: (on) => {
      state.takenOver = on;
    },
    checkWithCentral: async (id, pin): Promise<CentralPinCheck> => {
      if (state.central === 'down') return { outcome: 'unreachable' };
      const t = known[id];
      return t && t.pin === pin ? { outcome: 'verified', name: t.name } : { outcome: 'wrong' };
    },
    offlineCheck: async (id, pin) => {
      if (options.offline === false) return { outcome: 'cannotCheck' };
      const t = known[id];
      return t && t.pin === pin ? { outcome: 'verified', name: t.name } : { outcome: 'wrong' };
    },
    record: async (fact, actor) => {
      facts.push(fact);
      actors.push(actor);
    },
    act: async (action) => {
      state.actions.push(action);
      return ok();
    },
    recheck: () => {
      state.rechecks += 1;
    },
    onChange: () => undefined,
  };
  const desk = new MaintenanceDesk(ports);
  return { clock, desk, facts, actors, state, ports };
}

const pinFacts = (facts: TelemetryFact[]) => facts.filter((f) => f.type === 'maintenance.pin');

describe('maintenance entry', () => {
  it('a technician card and the right PIN, checked by central: signed in, the kiosk taken over, both facts recorded', async () => {
    const { desk, facts, state } = rig();
    desk.requestEntry('card', '000001001');
    expect(desk.view()).toMatchObject({ phase: 'pin', technicianId: '1001', entry: 'card' });
    expect(state.takenOver).toBe(true);
    await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'on', signedIn: { technicianId: '1001', name: 'Technician One', checkedBy: 'central' } });
    expect(facts.map((f) => f.type)).toEqual(['maintenance.pin', 'maintenance.action']);
    expect(facts[0]).toMatchObject({ outcome: 'verified', checkedBy: 'central' });
    expect(facts[1]).toMatchObject({ action: 'signedIn', detail: 'central' });
  });

  it('central unreachable: the PIN is checked against the pushed hash, and says so', async () => {
    const { desk, facts } = rig({ central: 'down' });
    desk.requestEntry('card', '000001001');
    await desk.submitPin('1111', undefined);
    expect(desk.view()).toMatchObject({ phase: 'pin', pinError: 'wrong', attemptsLeft: 4 });
    await desk.submitPin(PIN, undefined);
    expect(desk.view()?.signedIn?.checkedBy).toBe('offline');
    expect(pinFacts(facts).map((f) => f.type === 'maintenance.pin' && [f.outcome, f.checkedBy])).toEqual([
      ['wrong', 'offline'],
      ['verified', 'offline'],
    ]);
  });

  it('central unreachable and no hash pushed: not checked, not counted as a wrong PIN', async () => {
    const { desk, facts } = rig({ central: 'down', offline: false });
    desk.requestEntry('card', '1001');
    await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'pin', pinError: 'cannotCheck', attemptsLeft: 5 });
    expect(pinFacts(facts)[0]).toMatchObject({ outcome: 'cannotCheck', checkedBy: 'none' });
  });

  it('the gesture asks for the technician number with the PIN', async () => {
    const { desk } = rig();
    desk.requestEntry('gesture', null);
    expect(desk.view()).toMatchObject({ phase: 'pin', technicianId: null });
    await expect(desk.submitPin(PIN, undefined)).rejects.toMatchObject({ code: 'invalid_argument' });
    await desk.submitPin(PIN, '1001');
    expect(desk.view()?.phase).toBe('on');
  });

  it('never breaks into a customer session: the entry waits, then takes over when the session ends', async () => {
    const { desk, state } = rig({ customer: true });
    desk.requestEntry('card', '1001');
    expect(desk.view()).toBeNull();
    expect(state.takenOver).toBe(false);
    state.customer = false;
    desk.customerSessionEnded();
    expect(desk.view()).toMatchObject({ phase: 'pin', technicianId: '1001' });
    expect(state.takenOver).toBe(true);
  });

  it('a PIN pad nobody touches gives the kiosk back', async () => {
    const { desk, clock, state } = rig();
    desk.requestEntry('card', '1001');
    await clock.advance(PIN_PAD_IDLE_MS - 1);
    expect(desk.view()?.phase).toBe('pin');
    await clock.advance(1);
    expect(desk.view()).toBeNull();
    expect(state.takenOver).toBe(false);
  });
});

describe('lockout (RULES.md: 5 failures, 15 min, doubling; per card and per kiosk)', () => {
  it('5 wrong PINs lock entry for 15 minutes, each attempt recorded; a locked card is refused unchecked', async () => {
    const { desk, facts, clock } = rig();
    desk.requestEntry('card', '1001');
    for (let i = 0; i < 4; i++) await desk.submitPin('0000', undefined);
    expect(desk.view()).toMatchObject({ phase: 'pin', attemptsLeft: 1 });
    await desk.submitPin('0000', undefined);
    expect(desk.view()).toMatchObject({ phase: 'locked', lockedUntil: clock.now() + FIRST_LOCK_MS });
    expect(pinFacts(facts).map((f) => f.type === 'maintenance.pin' && f.outcome)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'lockedOut']);
    desk.cancel();
    // The right PIN, still locked: not checked.
    desk.requestEntry('card', '1001');
    expect(desk.view()?.phase).toBe('locked');
    desk.cancel();
    await clock.advance(FIRST_LOCK_MS);
    desk.requestEntry('card', '1001');
    await desk.submitPin(PIN, undefined);
    expect(desk.view()?.phase).toBe('on');
  });

  it('the kiosk counts every card: wrong PINs spread over cards lock the kiosk', () => {
    const book = new LockoutBook();
    for (const id of ['1', '2', '3', '4']) expect(book.fail(id, 0).lockedUntil).toBeNull();
    const fifth = book.fail('5', 0);
    expect(fifth.lockedUntil).toBe(FIRST_LOCK_MS);
    expect(book.state('6', 1).lockedUntil).toBe(FIRST_LOCK_MS);
  });

  it('each further lockout lasts twice as long', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), (lockouts) => {
        const book = new LockoutBook();
        let now = 0;
        let last = 0;
        for (let l = 0; l < lockouts; l++) {
          for (let i = 0; i < 5; i++) last = book.fail('1001', now).lockedForMs ?? last;
          now += last;
        }
        expect(last).toBe(FIRST_LOCK_MS * 2 ** (lockouts - 1));
      }),
    );
  });

  it('the right PIN clears the count', () => {
    const book = new LockoutBook();
    for (let i = 0; i < 4; i++) book.fail('1001', 0);
    book.succeed('1001');
    expect(book.state('1001', 0)).toEqual({ lockedUntil: null, attemptsLeft: 5 });
  });
});

describe('central’s own lock of a technician number (wrong PINs at any kiosk)', () => {
  /** Central's answer as the sync client hands it over (the problem body parsed as the kiosk parses it). */
  const refusal = (status: number, body: Record<string, unknown>): CentralError => {
    const problem = problemAnswer.parse({ type: `urn:kiosk-central:problem:${String(body['code'])}`, title: 't', status, detail: 'd', ...body });
    return { type: 'problem', status, code: problem.code, detail: problem.detail, problem };
  };
  const lockedRefusal = (seconds: number, counted: boolean) =>
    refusal(423, { code: 'technician_locked', lockedForSeconds: seconds, retryAfterSeconds: seconds, lockedUntil: new Date(0).toISOString(), ...(counted ? { attemptsRemaining: 0 } : {}) });

  it('maps central’s answers: its lock (counted or not, any 423), its rate limit (429), a wrong PIN with central’s tries left, and only the rest as unreachable', () => {
    expect(centralPinRefusal(lockedRefusal(840, false))).toEqual({ outcome: 'locked', lockedForMs: 840_000, counted: false });
    expect(centralPinRefusal(lockedRefusal(900, true))).toEqual({ outcome: 'locked', lockedForMs: 900_000, counted: true });
    expect(centralPinRefusal(refusal(401, { code: 'technician_pin_wrong', attemptsRemaining: 2 }))).toEqual({ outcome: 'wrong', attemptsRemaining: 2 });
    expect(centralPinRefusal(refusal(401, { code: 'technician_pin_wrong' }))).toEqual({ outcome: 'wrong' });
    expect(centralPinRefusal(refusal(429, { code: 'rate_limited', retryAfterSeconds: 5 }))).toEqual({ outcome: 'throttled', retryAfterMs: 5_000 });
    expect(centralPinRefusal(refusal(429, { code: 'rate_limited' }))).toEqual({ outcome: 'throttled', retryAfterMs: 60_000 });
    expect(centralPinRefusal(refusal(423, { code: 'rate_limited', retryAfterSeconds: 30 }))).toEqual({ outcome: 'locked', lockedForMs: 30_000, counted: false });
    expect(centralPinRefusal({ type: 'serverError', status: 502, code: null })).toEqual({ outcome: 'unreachable' });
  });

  it('central’s 429: "try again in N", the PIN never checked offline nor counted, and no check before then', async () => {
    const { desk, facts, clock, ports } = rig();
    let offlineChecks = 0;
    let centralChecks = 0;
    ports.checkWithCentral = async () => {
      centralChecks += 1;
      return { outcome: 'throttled', retryAfterMs: 45_000 };
    };
    ports.offlineCheck = async () => {
      offlineChecks += 1;
      return { outcome: 'verified', name: 'Technician One' };
    };
    desk.requestEntry('card', '1001');
    await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'pin', pinError: 'tooManyAttempts', retryAt: clock.now() + 45_000, attemptsLeft: 5 });
    expect(offlineChecks).toBe(0);
    expect(pinFacts(facts)).toEqual([expect.objectContaining({ outcome: 'throttled', checkedBy: 'none', attemptsLeft: 5, lockedForMs: 45_000 })]);
    // Before central's time: not sent again, still not checked offline.
    await clock.advance(30_000);
    await desk.submitPin(PIN, undefined);
    expect(centralChecks).toBe(1);
    expect(offlineChecks).toBe(0);
    expect(desk.view()).toMatchObject({ pinError: 'tooManyAttempts', retryAt: clock.now() + 15_000 });
    // After it: checked by central, and signed in; the wait counted as no wrong PIN.
    await clock.advance(15_000);
    ports.checkWithCentral = async () => ({ outcome: 'verified', name: 'Technician One' });
    await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'on', signedIn: { checkedBy: 'central' } });
    expect(offlineChecks).toBe(0);
  });

  it('central says locked: the lockout screen until central’s time, the right PIN never tried offline, nothing counted here', async () => {
    const { desk, facts, clock, ports } = rig();
    let offlineChecks = 0;
    ports.checkWithCentral = async () => centralPinRefusal(lockedRefusal(840, false));
    ports.offlineCheck = async () => {
      offlineChecks += 1;
      return { outcome: 'verified', name: 'Technician One' };
    };
    desk.requestEntry('card', '1001');
    await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'locked', technicianId: '1001', lockedUntil: clock.now() + 840_000 });
    expect(offlineChecks).toBe(0);
    expect(pinFacts(facts)).toEqual([expect.objectContaining({ outcome: 'refusedWhileLocked', checkedBy: 'central', attemptsLeft: 0, lockedForMs: 840_000 })]);
    // Central's lock ended: this kiosk's own count was not touched by it.
    desk.cancel();
    await clock.advance(840_000);
    ports.checkWithCentral = async () => ({ outcome: 'verified', name: 'Technician One' });
    desk.requestEntry('card', '1001');
    expect(desk.view()).toMatchObject({ phase: 'pin', attemptsLeft: 5 });
    await desk.submitPin(PIN, undefined);
    expect(desk.view()?.phase).toBe('on');
  });

  it('the wrong PIN that started central’s lock counts here too, and is recorded as a lockout', async () => {
    const { desk, facts, clock, ports } = rig();
    desk.requestEntry('card', '1001');
    ports.checkWithCentral = async () => centralPinRefusal(refusal(401, { code: 'technician_pin_wrong', attemptsRemaining: 1 }));
    await desk.submitPin('0000', undefined);
    // Central has seen more wrong PINs for this number (at other kiosks) than this kiosk has.
    expect(desk.view()).toMatchObject({ phase: 'pin', pinError: 'wrong', attemptsLeft: 1 });
    ports.checkWithCentral = async () => centralPinRefusal(lockedRefusal(900, true));
    await desk.submitPin('0000', undefined);
    expect(desk.view()).toMatchObject({ phase: 'locked', lockedUntil: clock.now() + 900_000 });
    expect(pinFacts(facts).map((f) => f.type === 'maintenance.pin' && [f.outcome, f.checkedBy, f.attemptsLeft])).toEqual([
      ['wrong', 'central', 1],
      ['lockedOut', 'central', 0],
    ]);
    desk.cancel();
    await clock.advance(900_000);
    desk.requestEntry('card', '1001');
    expect(desk.view()).toMatchObject({ phase: 'pin', attemptsLeft: 3 });
  });
});

describe('signed in', () => {
  async function signedIn() {
    const r = rig();
    r.desk.requestEntry('card', '1001');
    await r.desk.submitPin(PIN, undefined);
    return r;
  }

  it('15 minutes without a touch sign the technician out, and the kiosk is looked at again', async () => {
    const { desk, clock, facts, state } = await signedIn();
    await clock.advance(MAINTENANCE_IDLE_MS - 60_000);
    desk.activity();
    await clock.advance(MAINTENANCE_IDLE_MS - 1);
    expect(desk.view()?.phase).toBe('on');
    await clock.advance(1);
    expect(desk.view()).toBeNull();
    expect(state.takenOver).toBe(false);
    expect(state.rechecks).toBe(1);
    expect(facts.at(-1)).toMatchObject({ type: 'maintenance.action', action: 'signedOut', detail: 'idle' });
  });

  it('8 hours at most, however busy', async () => {
    const { desk, clock, facts } = await signedIn();
    for (let t = 0; t < MAINTENANCE_CAP_MS - 10 * 60_000; t += 10 * 60_000) {
      await clock.advance(10 * 60_000);
      desk.activity();
    }
    expect(desk.view()?.phase).toBe('on');
    await clock.advance(10 * 60_000);
    expect(desk.view()).toBeNull();
    expect(facts.at(-1)).toMatchObject({ action: 'signedOut', detail: 'cap' });
  });

  it('an action is run, recorded with its outcome, and refused when nobody is signed in', async () => {
    const { desk, facts, state } = await signedIn();
    await desk.act('outOfService');
    expect(state.actions).toEqual(['outOfService']);
    expect(facts.at(-1)).toMatchObject({ type: 'maintenance.action', action: 'outOfService', result: 'done' });
    expect(desk.view()?.lastAction).toMatchObject({ action: 'outOfService', result: 'done' });
    await desk.leave();
    await expect(desk.act('inService')).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('the audit names the signed-in technician for signing in, each action and signing out; PIN attempts (nobody proven yet) are the kiosk’s', async () => {
    const r = rig();
    r.desk.requestEntry('card', '1001');
    await r.desk.submitPin('1111', undefined);
    expect(r.desk.onDuty).toBeNull();
    await r.desk.submitPin(PIN, undefined);
    expect(r.desk.onDuty).toBe('1001');
    await r.desk.act('reloadUi');
    await r.desk.leave();
    expect(r.desk.onDuty).toBeNull();
    expect(r.facts.map((f, i) => [f.type, f.type === 'maintenance.action' ? f.action : f.type === 'maintenance.pin' ? f.outcome : null, r.actors[i]])).toEqual([
      ['maintenance.pin', 'wrong', 'kiosk'],
      ['maintenance.pin', 'verified', 'kiosk'],
      ['maintenance.action', 'signedIn', 'technician:1001'],
      ['maintenance.action', 'reloadUi', 'technician:1001'],
      ['maintenance.action', 'signedOut', 'technician:1001'],
    ]);
  });
});

describe('technician numbers', () => {
  it('drops a card’s zero padding and refuses anything else', () => {
    expect(normaliseTechnicianId('000001001')).toBe('1001');
    expect(normaliseTechnicianId('0')).toBeNull();
    expect(normaliseTechnicianId('12a')).toBeNull();
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => normaliseTechnicianId(String(n).padStart(9, '0')) === String(n)));
  });
});
