import { fromCallback, fromPromise } from 'xstate';
import type { Clock } from '../../../common/time';
import type { AnyJourneyService } from '../../contract/journeys';
import type { Language } from '../../contract/session';
import type { AnyCitizenCall } from '../sync';
import { atmActors } from './atmActors';
import type { CaptureInput, CardRead, CardReturn, CentralOutcome, MachineEvent } from './machineTypes';
import type { JourneyPorts, JourneyTimings } from './ports';

/**
 * The actors a journey machine invokes, bound to the runner's ports: central's
 * citizen calls (with the session's language read at the moment of the call),
 * the card slot, the fingerprint reader, and the ATM's devices.
 */
export function journeyActors(
  service: AnyJourneyService,
  deps: { ports: JourneyPorts; clock: Clock; timings: JourneyTimings; activity: () => void; language: () => Language | null },
) {
  const { ports, clock, timings } = deps;
  const atm = atmActors(ports.atm, { activity: deps.activity, language: () => deps.language() ?? 'ar' });
  const language = (): { language?: Language } => {
    const now = deps.language();
    return now ? { language: now } : {};
  };
  return {
    ...atm,
    callCentral: fromPromise<CentralOutcome, AnyCitizenCall>(async ({ input }) => {
      const result = await ports.callCitizen({ ...input, ...language() });
      return { route: input.route, result, clock: { core: clock.now() } };
    }),
    readCard: fromPromise<CardRead, void>(async ({ signal }) => {
      const takeTimeout = timings.cardTakeMs === undefined ? {} : { takeTimeoutMs: timings.cardTakeMs };
      const arrived = await ports.cardSlot.waitForCard({ signal, timeoutMs: timings.cardWaitMs, ...takeTimeout });
      if (!arrived.ok) return { ok: false, code: arrived.error.type === 'timeout' ? 'card_timeout' : 'card_reader_unavailable' };
      const identity = await ports.cardSlot.readIdentity({ signal });
      if (identity.ok && (identity.value.kind === 'nationalId' || identity.value.kind === 'iqama')) return { ok: true, idNumber: identity.value.idNumber };
      // Not an ID card (or not readable): hand it back so the person can insert the right one.
      await ports.cardSlot.returnCard({ signal, ...(timings.cardTakeMs === undefined ? {} : { takeTimeoutMs: timings.cardTakeMs }) });
      if (!identity.ok) return { ok: false, code: identity.error.type === 'cardError' ? 'card_unreadable' : 'card_reader_unavailable' };
      return { ok: false, code: identity.value.kind === 'unreadable' ? 'card_unreadable' : 'card_not_identity' };
    }),
    captureFinger: fromCallback<MachineEvent, CaptureInput>(({ input, sendBack }) => {
      const controller = new AbortController();
      void (async () => {
        const captured = await ports.fingerprint.capture({
          signal: controller.signal,
          timeoutMs: timings.captureMs,
          onGuidance: (guidance) => sendBack({ type: 'capture.guidance', guidance }),
        });
        if (!captured.ok) {
          sendBack({ type: 'capture.failed', failure: captured.error.type });
          return;
        }
        const signed = await ports.signCapture(captured.value, { idNumber: input.idNumber, sessionId: input.sessionId }).catch(() => null);
        if (!signed) sendBack({ type: 'capture.failed', failure: 'deviceError' });
        else sendBack({ type: 'capture.captured', capture: signed });
      })();
      return () => controller.abort();
    }),
    // At an ATM the card that goes back is the bank card, through the ATM's reader.
    returnCard:
      service === 'atm'
        ? atm.returnCard
        : fromPromise<CardReturn, void>(async ({ signal }) => {
            const returned = await ports.cardSlot.returnCard({ signal, ...(timings.cardTakeMs === undefined ? {} : { takeTimeoutMs: timings.cardTakeMs }) });
            return returned.ok ? returned.value.outcome : 'failed';
          }),
  };
}
