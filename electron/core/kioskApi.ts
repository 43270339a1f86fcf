import { KioskError } from '../contract';
import type { DevDockProcedureName, DiagnosticsProcedureInputs, KioskApi, KioskSnapshot, MaintenanceProcedureInputs, ServiceAvailability, ServiceProcedureInputs } from '../contract';
import type { JourneyRunner } from './journeys/runner';
import type { ResultReceipt } from './receipts/resultReceipt';
import type { CustomerSession } from './session/customerSession';

/** What the renderer's procedures act on: KioskCore's parts. */
interface KioskApiParts {
  readonly session: CustomerSession;
  readonly receipts: ResultReceipt;
  readonly journeys: JourneyRunner | null;
  snapshot(): KioskSnapshot;
  mode(): KioskSnapshot['mode'];
  services(): ServiceAvailability[];
  /** A journey began (for the session's outcome). */
  journeyStarted(): void;
  /** Resolves once every session outcome taken so far is committed. */
  outcomeCommitted(): Promise<void>;
}

/** The customer's own procedures: the dock's, the technician's and the catalogue's services are served by their own parts. */
type CustomerApi = Omit<KioskApi, DevDockProcedureName | keyof MaintenanceProcedureInputs | keyof DiagnosticsProcedureInputs | keyof ServiceProcedureInputs>;

/** The session's id, and the runner: journey procedures need both. */
function journeyContext(parts: Pick<KioskApiParts, 'session' | 'journeys'>): { sessionId: string; journeys: JourneyRunner } {
  const session = parts.session.current;
  if (!session) throw new KioskError('no_session', 'journeys run inside a session');
  if (!parts.journeys) throw new KioskError('unavailable', 'this kiosk offers no journeys');
  return { sessionId: session.id, journeys: parts.journeys };
}

/**
 * The procedures the person's screen calls: the session, the journeys and
 * the result's receipt. Each answers with the new snapshot; the inputs were
 * checked against their schemas before any of them runs (contract/serve).
 */
export function customerProcedures(parts: KioskApiParts): CustomerApi {
  const { session } = parts;
  const giveReceipt = (kind: Parameters<ResultReceipt['give']>[0], how: 'print' | 'sms'): KioskSnapshot => {
    journeyContext(parts);
    parts.receipts.give(kind, how, session.language() ?? 'ar');
    session.activity();
    return parts.snapshot();
  };
  return {
    getSnapshot: async () => parts.snapshot(),
    startSession: async ({ trigger }) => {
      session.startIfIdle(trigger);
      return parts.snapshot();
    },
    reportActivity: async () => ({ session: session.activity() }),
    extendSession: async () => {
      session.extend();
      return parts.snapshot();
    },
    endSession: async ({ reason }) => {
      if (!session.active) throw new KioskError('no_session', 'there is no session to end');
      session.end(reason);
      // Answered once the session's outcome is committed: a crash after this answer cannot lose it.
      await parts.outcomeCommitted();
      return parts.snapshot();
    },
    setLanguage: async ({ language }) => {
      session.startIfIdle('touch');
      session.setLanguage(language);
      return parts.snapshot();
    },
    setAccessibility: async ({ highContrast, largeText, speech, volume }) => {
      session.startIfIdle('touch');
      session.setAccessibility({ highContrast, largeText, speech, volume });
      return parts.snapshot();
    },
    startJourney: async ({ service }) => {
      if (parts.mode() === 'atm') throw new KioskError('not_allowed', 'at an ATM the journey begins when a bank card is inserted');
      const { sessionId, journeys } = journeyContext(parts);
      const offered = parts.services().find((s) => s.id === service);
      if (!offered?.available) throw new KioskError('unavailable', `${service} is not available now (${offered?.reason ?? 'unknown'})`);
      journeys.start(service, { id: sessionId });
      parts.journeyStarted();
      session.activity();
      return parts.snapshot();
    },
    journeyEvent: async (event) => {
      journeyContext(parts).journeys.send(event);
      session.activity();
      return parts.snapshot();
    },
    cancelJourney: async () => {
      journeyContext(parts).journeys.cancel();
      session.activity();
      return parts.snapshot();
    },
    printReceipt: async ({ receipt }) => giveReceipt(receipt, 'print'),
    sendReceiptSms: async ({ receipt }) => giveReceipt(receipt, 'sms'),
  };
}
