import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { SessionOutcome } from './sessionOutcome';
import { SessionTally } from './sessionTally';
import type { SessionEndedFact } from './sessionTally';

const quiet = createLogger({ level: 'error', destination: new Writable({ write: (_c, _e, done) => done() }) });

/** A recorder whose commits finish when the spec says so. */
function rig() {
  const tally = new SessionTally();
  const recorded: SessionEndedFact[] = [];
  const commits: (() => void)[] = [];
  let released = 0;
  const outcome = new SessionOutcome({
    tally,
    record: (fact) =>
      new Promise<void>((resolve) => {
        commits.push(() => {
          recorded.push(fact);
          resolve();
        });
      }),
    now: () => 10_000,
    mode: () => 'government',
    log: quiet,
    released: () => void (released += 1),
  });
  tally.sessionSeen({ id: 's-1', startedAt: 1_000, language: 'ar', highContrast: false, largeText: false, speech: false });
  tally.journeyStarted();
  const settled = async (p: Promise<unknown>): Promise<boolean> => {
    let done = false;
    void p.then(() => (done = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    return done;
  };
  return { tally, outcome, recorded, commits, released: () => released, settled };
}

describe('a session’s outcome is committed when its journey reaches its result', () => {
  it('a result holds the screen until its outcome is committed; the end adds no second outcome and answers at once', async () => {
    const t = rig();
    t.tally.journeySeen({ service: 'recoverUsername', step: 'recoverUsername.id', finished: false, errorCode: null }, null);
    expect(t.outcome.journeyChanged('s-1', { finished: false, endsSession: false })).toBe(false);
    t.tally.journeySeen({ service: 'recoverUsername', step: 'recoverUsername.recovered.finished', finished: true, errorCode: null }, null);
    expect(t.outcome.journeyChanged('s-1', { finished: true, endsSession: false })).toBe(true);
    expect(t.outcome.holding).toBe(true);
    // Seen again (another push): no second outcome.
    expect(t.outcome.journeyChanged('s-1', { finished: true, endsSession: false })).toBe(false);
    expect(await t.settled(t.outcome.committed())).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(t.commits).toHaveLength(1);
    t.commits[0]!();
    expect(await t.settled(t.outcome.committed())).toBe(true);
    expect(t.outcome.holding).toBe(false);
    expect(t.released()).toBe(1);
    expect(t.recorded).toEqual([expect.objectContaining({ service: 'recoverUsername', result: 'completed', endReason: 'completed', step: 'recoverUsername.recovered.finished', durationMs: 9_000 })]);
    expect(await t.settled(t.outcome.sessionEnded('s-1', 'timeout'))).toBe(true);
    expect(t.recorded).toHaveLength(1);
  });

  it('a result that refers the person to staff is settled with that reason', async () => {
    const t = rig();
    t.tally.journeySeen({ service: 'activate', step: 'activate.referred.finished', finished: true, errorCode: 'match_exhausted' }, null);
    t.outcome.journeyChanged('s-1', { finished: true, endsSession: true });
    await new Promise((r) => setImmediate(r));
    t.commits[0]!();
    await t.outcome.committed();
    expect(t.recorded[0]).toMatchObject({ result: 'unsuccessful', endReason: 'referToStaff' });
  });

  it('an abandoned or cancelled journey holds nothing: its outcome is taken at the end, whose answer waits for the commit', async () => {
    const t = rig();
    t.tally.journeySeen({ service: 'atm', step: 'atm.cancelled.finished', finished: true, errorCode: null }, null);
    expect(t.outcome.journeyChanged('s-1', { finished: true, endsSession: false })).toBe(false);
    expect(t.outcome.holding).toBe(false);
    const ended = t.outcome.sessionEnded('s-1', 'cancel');
    expect(await t.settled(ended)).toBe(false);
    t.commits[0]!();
    expect(await t.settled(ended)).toBe(true);
    expect(t.recorded).toEqual([expect.objectContaining({ result: 'abandoned', endReason: 'cancel', step: 'atm.cancelled.finished' })]);
  });

  it('an end right after a result answers only once the result’s outcome is committed', async () => {
    const t = rig();
    t.tally.journeySeen({ service: 'activate', step: 'activate.activated.finished', finished: true, errorCode: null }, null);
    t.outcome.journeyChanged('s-1', { finished: true, endsSession: false });
    const ended = t.outcome.sessionEnded('s-1', 'completed');
    expect(await t.settled(ended)).toBe(false);
    t.commits[0]!();
    expect(await t.settled(ended)).toBe(true);
    expect(t.recorded).toHaveLength(1);
  });

  it('a session of another id settles nothing', () => {
    const t = rig();
    t.tally.journeySeen({ service: 'activate', step: 'activate.activated.finished', finished: true, errorCode: null }, null);
    expect(t.outcome.journeyChanged('s-2', { finished: true, endsSession: false })).toBe(false);
    expect(t.outcome.journeyChanged(null, { finished: true, endsSession: false })).toBe(false);
  });
});
