import type { AnyJourneyService, Language, SessionEndReason } from '../../contract';
import type { TelemetryFact } from '../../../common/wire/telemetry';

export type SessionEndedFact = Extract<TelemetryFact, { type: 'session.ended' }>;

type AccessibilityMode = SessionEndedFact['accessibility'][number];

/** Where a journey stands (JourneyRunner.whereNow, without the ID). */
export interface JourneyWhere {
  service: AnyJourneyService;
  step: string;
  finished: boolean;
  errorCode: string | null;
}

interface Tally {
  id: string;
  startedAt: number;
  language: Language;
  languages: Set<Language>;
  accessibility: Set<AccessibilityMode>;
  journeys: number;
  last: { service: AnyJourneyService; step: string; finished: boolean; errorCode: string | null } | null;
  visitor: string | null;
  /** The outcome was taken when a journey reached its result (settle): the session's end adds none. */
  settled: boolean;
}

const errorCodeShape = /^[a-z][a-z0-9_]{0,63}$/;
const stepShape = /^[A-Za-z][A-Za-z0-9.]{0,119}$/;

/**
 * What one customer session did, gathered while it runs and turned into the
 * `session.ended` fact when it ends: the last journey and where it stood,
 * every language and accessibility mode used, how long it took. It keeps no
 * value of the person's: the ID reaches it only as the kiosk's keyed hash.
 */
export class SessionTally {
  private tally: Tally | null = null;

  /** Every session snapshot (the core's session machine): language and accessibility as they change. */
  sessionSeen(session: { id: string; startedAt: number; language: Language; highContrast: boolean; largeText: boolean; speech: boolean } | null): void {
    if (!session) return;
    if (this.tally?.id !== session.id) {
      this.tally = { id: session.id, startedAt: session.startedAt, language: session.language, languages: new Set(), accessibility: new Set(), journeys: 0, last: null, visitor: null, settled: false };
    }
    const t = this.tally;
    t.language = session.language;
    t.languages.add(session.language);
    if (session.highContrast) t.accessibility.add('highContrast');
    if (session.largeText) t.accessibility.add('largeText');
    if (session.speech) t.accessibility.add('speech');
  }

  /** The person started a journey in this session. */
  journeyStarted(): void {
    if (this.tally) this.tally.journeys += 1;
  }

  /** Where the journey stands, at every change while the session runs; null (back to the services) keeps the last one seen. */
  journeySeen(journey: JourneyWhere | null, visitor: string | null): void {
    const t = this.tally;
    if (!t) return;
    if (visitor) t.visitor = visitor;
    if (!journey) return;
    const code = journey.errorCode;
    t.last = { service: journey.service, step: journey.step, finished: journey.finished, errorCode: code === null ? null : errorCodeShape.test(code) ? code : 'other' };
  }

  /**
   * A journey of session `sessionId` reached its result (central has done
   * what it was asked): the session's outcome, taken now so it is committed
   * with the result, not after the session ends. Once per session: null if
   * it was settled already, or the journey stands on no result (mid-way, or
   * cancelled — that is decided at the end). `endsSession`: the result ends
   * the session (referral to staff).
   */
  settle(sessionId: string, now: number, mode: 'government' | 'atm', endsSession = false): SessionEndedFact | null {
    const t = this.tally;
    if (!t || t.id !== sessionId || t.settled || !t.last?.finished || cancelledStep(t.last.step)) return null;
    t.settled = true;
    return this.fact(t, endsSession ? 'referToStaff' : 'completed', now, mode);
  }

  /**
   * The session `sessionId` ended: its fact, unless a result settled it
   * already; the tally starts empty for the next person. Null if it was
   * never seen, or its outcome was taken at its result.
   */
  end(sessionId: string, reason: SessionEndReason, now: number, mode: 'government' | 'atm'): SessionEndedFact | null {
    const t = this.tally;
    this.tally = null;
    if (!t || t.id !== sessionId || t.settled) return null;
    return this.fact(t, reason, now, mode);
  }

  private fact(t: Tally, reason: SessionEndReason, now: number, mode: 'government' | 'atm'): SessionEndedFact {
    const last = t.last;
    // A journey the person cancelled (the ATM's `cancelled` result, its card handed back) did nothing for them: abandoned.
    const result: SessionEndedFact['result'] = !last ? 'noService' : !last.finished || cancelledStep(last.step) ? 'abandoned' : last.errorCode ? 'unsuccessful' : 'completed';
    return {
      type: 'session.ended',
      mode,
      service: last?.service ?? null,
      result,
      endReason: reason,
      step: last && stepShape.test(last.step) ? last.step : null,
      errorCode: last?.errorCode ?? null,
      durationMs: Math.max(0, Math.round(now - t.startedAt)),
      language: t.language,
      languagesUsed: [...t.languages].sort(),
      accessibility: [...t.accessibility].sort(),
      journeys: Math.max(t.journeys, last ? 1 : 0),
      visitor: t.visitor,
    };
  }
}

const cancelledStep = (step: string): boolean => step.split('.')[1] === 'cancelled';
