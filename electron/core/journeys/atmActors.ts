import { fromCallback, fromPromise } from 'xstate';
import type { AtmJourneyPorts, AtmReceiptRequest, AuthoriseOutcome, BankCard } from '../atm/ports';
import type { Language } from '../../contract/session';
import type { CardReturn, MachineEvent, ReceiptOutcome } from './machineTypes';

/**
 * The ATM journey's actors over its ports (the ATM's devices and the bank):
 * the PIN entry as a count of key presses, the bank's check, the card back
 * or kept, a receipt. None of them throws: a failure is an outcome the
 * machine has a step for. Without ATM ports (a government kiosk) each one
 * fails the way a missing device does.
 */
export function atmActors(ports: AtmJourneyPorts | undefined, hooks: { activity(): void; language(): Language }) {
  return {
    readPin: fromCallback<MachineEvent, void>(({ sendBack }) => {
      const controller = new AbortController();
      if (!ports) {
        queueMicrotask(() => sendBack({ type: 'pin.failed', failure: 'unavailable' }));
        return () => undefined;
      }
      const { min, max } = ports.settings.pinLength;
      let digits = 0;
      void ports
        .readPin({
          minLength: min,
          maxLength: max,
          signal: controller.signal,
          onKey: (key) => {
            // A key on the EPP is the person at the ATM: the idle clock starts again.
            hooks.activity();
            if (key === 'digit') digits = Math.min(max, digits + 1);
            else if (key === 'clear') digits = 0;
            else return;
            sendBack({ type: 'pin.progress', digits });
          },
        })
        .then((entry) => {
          if (controller.signal.aborted) return;
          if (!entry.ok) sendBack({ type: 'pin.failed', failure: entry.error.type });
          else sendBack(entry.value.outcome === 'entered' ? { type: 'pin.entered' } : { type: 'pin.cancelled' });
        });
      return () => controller.abort();
    }),
    authorise: fromPromise<AuthoriseOutcome, { card: BankCard }>(async ({ input }) => (ports ? ports.authorise(input.card) : { kind: 'pinPadUnavailable' })),
    retainBankCard: fromPromise<CardReturn, void>(async () => ((await ports?.retainCard())?.ok ? 'retained' : 'failed')),
    returnCard: fromPromise<CardReturn, void>(async ({ signal }) => {
      const returned = await ports?.returnCard({ signal });
      return returned?.ok ? returned.value : 'failed';
    }),
    // In the language the person is using as they ask for it.
    printReceipt: fromPromise<ReceiptOutcome, AtmReceiptRequest>(async ({ input }) => {
      if (!ports?.printReceipt) return 'unavailable';
      return (await ports.printReceipt({ ...input, language: hooks.language() })).ok ? 'printed' : 'failed';
    }),
  };
}
