import { SimulatedClock, createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { sessionMachine, sessionPhase } from './machine';
import type { SessionEmitted } from './machine';

const timing = { idleWarningAfterMs: 60_000, idleCountdownMs: 20_000, extensionsAllowed: 10, sessionCapMs: 600_000 };

function startSession(overrides: Partial<typeof timing> = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(sessionMachine, { input: { timing: { ...timing, ...overrides }, now: () => clock.now() }, clock });
  const ended: SessionEmitted[] = [];
  actor.on('ended', (e) => ended.push(e));
  actor.start();
  actor.send({ type: 'START', id: 's1', now: clock.now() });
  return { clock, actor, ended };
}

describe('customer session', () => {
  it('warns after 60 s without a touch, with a countdown end time', () => {
    const { clock, actor } = startSession();
    clock.increment(59_999);
    expect(sessionPhase(actor.getSnapshot()) === 'active').toBe(true);
    clock.increment(1);
    expect(sessionPhase(actor.getSnapshot()) === 'warning').toBe(true);
    expect(actor.getSnapshot().context.session?.warningEndsAt).toBe(60_000 + 20_000);
  });

  it('a touch restarts the idle clock', () => {
    const { clock, actor } = startSession();
    clock.increment(50_000);
    actor.send({ type: 'ACTIVITY' });
    clock.increment(50_000);
    expect(sessionPhase(actor.getSnapshot()) === 'active').toBe(true);
  });

  it('an unanswered warning ends the session as a timeout and forgets the person', () => {
    const { clock, actor, ended } = startSession();
    actor.send({ type: 'SET_LANGUAGE', language: 'en' });
    clock.increment(60_000);
    clock.increment(20_000);
    expect(sessionPhase(actor.getSnapshot())).toBe('idle');
    expect(actor.getSnapshot().context.session).toBeNull();
    expect(ended).toEqual([{ type: 'ended', sessionId: 's1', reason: 'timeout' }]);
  });

  // Ten back-to-back extensions take exactly the 10-minute cap, so these two use a longer one.
  it('"more time" keeps the session, at least ten times', () => {
    const { clock, actor, ended } = startSession({ sessionCapMs: 3_600_000 });
    for (let i = 0; i < 10; i++) {
      clock.increment(60_000);
      expect(sessionPhase(actor.getSnapshot()) === 'warning').toBe(true);
      actor.send({ type: 'EXTEND' });
      expect(sessionPhase(actor.getSnapshot()) === 'active').toBe(true);
    }
    expect(actor.getSnapshot().context.session?.extensionsUsed).toBe(10);
    expect(ended).toEqual([]);
  });

  it('refuses an eleventh extension when ten are allowed', () => {
    const { clock, actor } = startSession({ sessionCapMs: 3_600_000 });
    for (let i = 0; i < 10; i++) {
      clock.increment(60_000);
      actor.send({ type: 'EXTEND' });
    }
    clock.increment(60_000);
    expect(actor.getSnapshot().can({ type: 'EXTEND' })).toBe(false);
  });

  it('touching the screen during the warning does not dismiss it', () => {
    const { clock, actor } = startSession();
    clock.increment(60_000);
    actor.send({ type: 'ACTIVITY' });
    expect(sessionPhase(actor.getSnapshot()) === 'warning').toBe(true);
  });

  it('ends every session at the 10-minute cap however active the person is', () => {
    const { clock, actor, ended } = startSession();
    for (let t = 0; t < 600_000; t += 30_000) {
      clock.increment(30_000);
      actor.send({ type: 'ACTIVITY' });
    }
    expect(sessionPhase(actor.getSnapshot())).toBe('idle');
    expect(ended.map((e) => e.reason)).toEqual(['cap']);
  });

  it('cancel ends the session at once with the reason', () => {
    const { actor, ended } = startSession();
    actor.send({ type: 'END', reason: 'cancel' });
    expect(sessionPhase(actor.getSnapshot())).toBe('idle');
    expect(ended).toEqual([{ type: 'ended', sessionId: 's1', reason: 'cancel' }]);
  });

  it('no timer from an ended session fires into the next one', () => {
    const { clock, actor, ended } = startSession();
    clock.increment(30_000);
    actor.send({ type: 'END', reason: 'completed' });
    actor.send({ type: 'START', id: 's2', now: clock.now() });
    clock.increment(59_000);
    expect(sessionPhase(actor.getSnapshot()) === 'active').toBe(true);
    expect(ended).toHaveLength(1);
  });
});
