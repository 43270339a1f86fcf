import { describe, expect, it } from 'vitest';
import type { AnyJourneyService } from '../../contract';
import { SessionTally } from './sessionTally';
import type { JourneyWhere } from './sessionTally';

const session = (over: Partial<{ id: string; language: 'ar' | 'en'; highContrast: boolean; largeText: boolean; speech: boolean }> = {}) => ({
  id: 's-1',
  startedAt: 1_000,
  language: 'ar' as const,
  highContrast: false,
  largeText: false,
  speech: false,
  ...over,
});

const view = (service: AnyJourneyService, step: string, finished: boolean, code?: string): JourneyWhere => ({ service, step, finished, errorCode: code ?? null });

describe('a session’s tally', () => {
  it('a result without an error is completed; with one, unsuccessful; mid-journey, abandoned where it stood; no journey, noService', () => {
    const cases = [
      { seen: view('activate', 'activate.activated.finished', true), result: 'completed', errorCode: null },
      { seen: view('activate', 'activate.noAccount.finished', true, 'account_not_found'), result: 'unsuccessful', errorCode: 'account_not_found' },
      { seen: view('signIn', 'signIn.code.entry', false), result: 'abandoned', errorCode: null },
      { seen: view('atm', 'atm.cancelled.finished', true), result: 'abandoned', errorCode: null },
      { seen: null, result: 'noService', errorCode: null },
    ] as const;
    for (const c of cases) {
      const tally = new SessionTally();
      tally.sessionSeen(session());
      if (c.seen) {
        tally.journeyStarted();
        tally.journeySeen(c.seen, null);
      }
      expect(tally.end('s-1', 'timeout', 61_000, 'government')).toMatchObject({
        result: c.result,
        errorCode: c.errorCode,
        service: c.seen?.service ?? null,
        step: c.seen?.step ?? null,
        durationMs: 60_000,
        journeys: c.seen ? 1 : 0,
      });
    }
  });

  it('keeps every language and accessibility mode used, the last journey after the person went back to the services, and the visitor', () => {
    const tally = new SessionTally();
    tally.sessionSeen(session());
    tally.sessionSeen(session({ language: 'en', speech: true }));
    tally.journeyStarted();
    tally.journeySeen(view('recoverUsername', 'recoverUsername.fingerprint.capturing', false), 'a'.repeat(32));
    tally.journeySeen(null, null);
    tally.sessionSeen(session({ language: 'en', speech: false, highContrast: true }));
    expect(tally.end('s-1', 'cancel', 5_000, 'government')).toMatchObject({
      language: 'en',
      languagesUsed: ['ar', 'en'],
      accessibility: ['highContrast', 'speech'],
      service: 'recoverUsername',
      result: 'abandoned',
      step: 'recoverUsername.fingerprint.capturing',
      visitor: 'a'.repeat(32),
    });
  });

  it('an ATM session is counted by the same hook; an error code of another shape is reported as "other"', () => {
    const tally = new SessionTally();
    tally.sessionSeen(session({ id: 'atm-1' }));
    tally.journeyStarted();
    tally.journeySeen(view('atm', 'atm.retained.finished', true, 'PinTriesExhausted'), null);
    expect(tally.end('atm-1', 'completed', 2_000, 'atm')).toMatchObject({ mode: 'atm', service: 'atm', result: 'unsuccessful', errorCode: 'other' });
  });

  it('starts empty for the next person, and answers nothing for a session it never saw', () => {
    const tally = new SessionTally();
    tally.sessionSeen(session());
    tally.journeySeen(view('activate', 'activate.id', false), 'b'.repeat(32));
    expect(tally.end('s-2', 'cancel', 2_000, 'government')).toBeNull();
    tally.sessionSeen(session({ id: 's-3' }));
    expect(tally.end('s-3', 'cancel', 2_000, 'government')).toMatchObject({ result: 'noService', visitor: null, accessibility: [] });
  });
});
