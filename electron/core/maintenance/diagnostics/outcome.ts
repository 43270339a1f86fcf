import type { CheckFactValue, CheckOutcome, CheckResult } from '../../../contract';

/** One check's outcome, built the same way everywhere (the detail is English, one line, no personal data). */
export function outcome(
  name: string,
  result: CheckResult,
  detail: string,
  at: number,
  options: { code?: string | null; facts?: Record<string, CheckFactValue> } = {},
): CheckOutcome {
  return { name, result, detail: detail.slice(0, 200), code: options.code ?? null, facts: options.facts ?? {}, at };
}

/** The device errors every device words alike: the screen's code and the CLI's sentence for each. */
const FAILURES: ReadonlyMap<string, { code: string; detail: string }> = new Map(
  Object.entries({
    disconnected: { code: 'unplugged', detail: 'the device went away during the check: check the cable' },
    noAnswer: { code: 'noAnswer', detail: 'the device does not answer' },
    busy: { code: 'busy', detail: 'the device is busy with another operation' },
    timeout: { code: 'timeout', detail: 'nothing happened in time' },
    jammed: { code: 'jammed', detail: 'a card is jammed in the reader' },
    binFull: { code: 'binFull', detail: 'the retain bin is full' },
    noCard: { code: 'noCard', detail: 'no card in the slot' },
  }),
);

/** A device error or status, as the one word the screen words and the sentence the CLI prints. */
export function failureOf(error: { type: string; status?: string; detail?: string; message?: string }): { code: string; detail: string } {
  if (error.type === 'unavailable') {
    return error.status === 'noDevice'
      ? { code: 'notFitted', detail: 'not configured on this kiosk' }
      : { code: 'unplugged', detail: `not connected (${error.status ?? 'offline'}): check the cable and power` };
  }
  return FAILURES.get(error.type) ?? { code: error.type, detail: error.detail ?? error.message ?? error.type };
}

/** A status the device manager reports, as a check: online/busy pass, offline and hardware errors fail. */
export function statusOutcome(name: string, status: string, at: number): CheckOutcome {
  if (status === 'online' || status === 'busy') return outcome(name, 'pass', `connected (${status})`, at, { facts: { status } });
  if (status === 'noDevice') return outcome(name, 'fail', 'not configured on this kiosk', at, { code: 'notFitted', facts: { status } });
  if (status === 'hardwareError') return outcome(name, 'fail', 'the device reports a hardware error', at, { code: 'hardwareError', facts: { status } });
  return outcome(name, 'fail', 'not connected: check the cable and power', at, { code: 'unplugged', facts: { status } });
}
