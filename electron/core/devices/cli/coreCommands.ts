import { z } from 'zod';
import { CoreClient, type CoreError } from '../../updates/coreClient';
import { EXIT, type ExitCode, type Options } from './options';
import type { Output } from './output';
import { readPin } from './readPin';

/**
 * `dead-letters` and `bin-emptied`: what changes the kiosk's own store goes
 * through the running core's control socket (the same calls the maintenance
 * screen makes, audited in the technician's name and sent to central). The
 * core holds the store and its counters in memory; a second writer beside
 * it would leave them stale, and with the core stopped nobody would send
 * the audit event on. So with no core answering, the change is refused.
 * A change needs the technician's PIN (read from stdin, readPin.ts), which
 * the core checks as the maintenance overlay does: same lockout, audited.
 */
export async function coreCommand(options: Options, out: Output, stdin: Parameters<typeof readPin>[0] = process.stdin): Promise<ExitCode> {
  const { action, txId, technicianId, socket } = options.core;
  const core = new CoreClient(socket, options.timeoutMs);
  out.field('Control socket', 'socket', socket);
  let pin = '';
  if (action !== 'list') {
    const read = await readPin(stdin, process.stderr);
    if (!read.ok) return out.finish(EXIT.usage, read.why);
    pin = read.pin;
  }
  if (action === 'binEmptied') {
    const answer = await core.binEmptied(technicianId ?? '', pin);
    if (!answer.ok) return refused(out, answer.error);
    out.field('Retain bin', 'retainBin', 0, `emptied: the count is 0 (it was ${answer.value.before ?? '?'})`);
    out.report.before = answer.value.before;
    out.field('Audited as', 'actor', `technician:${technicianId ?? ''}`);
    return out.finish(EXIT.ok);
  }
  const answer = action === 'list' ? await core.deadLetters() : await core.settleDeadLetter(technicianId ?? '', pin, txId ?? '', action);
  if (!answer.ok) return refused(out, answer.error);
  if (action !== 'list') {
    out.say(`  ${action === 'retry' ? 'Retried (back in the outbox)' : 'Discarded'}: ${txId ?? ''}`);
    out.field('Audited as', 'actor', `technician:${technicianId ?? ''}`);
  }
  out.report.deadLetters = answer.value;
  out.say(answer.value.length === 0 ? '  No refused events.' : `  ${answer.value.length} refused event(s):`);
  for (const letter of answer.value) {
    out.say(`    ${letter.txId}  ${letter.kind.padEnd(10)} ${letter.code.padEnd(20)} attempts ${letter.attempts}  refused ${new Date(letter.failedAt).toISOString()}`);
  }
  return out.finish(EXIT.ok);
}

const pinRefusal = z.object({
  error: z.literal('pinRefused'),
  outcome: z.enum(['wrong', 'locked', 'throttled', 'cannotCheck', 'notHere']),
  attemptsLeft: z.number().int().nullable(),
  until: z.number().nullable(),
});

/** The core refused the technician's PIN: why, in words a technician acts on, and exit 8. */
function pinRefused(out: Output, detail: string): ExitCode | null {
  let body: unknown;
  try {
    body = JSON.parse(detail);
  } catch {
    return null;
  }
  const refusal = pinRefusal.safeParse(body);
  if (!refusal.success) return null;
  const { outcome, attemptsLeft, until } = refusal.data;
  const at = until === null ? '' : new Date(until).toISOString();
  const wait = until === null ? '' : ` (${Math.max(1, Math.ceil((until - Date.now()) / 1000))} s, until ${at})`;
  const why: Record<typeof outcome, string> = {
    wrong: `wrong PIN: ${attemptsLeft ?? '?'} tries left before maintenance entry is locked on this kiosk`,
    locked: `too many wrong PINs: maintenance entry is locked for this technician${wait}`,
    throttled: `central has had too many PIN checks for now and did not check this one: try again in a while${wait}`,
    cannotCheck: 'the PIN cannot be checked now: central cannot be reached, and without central a PIN is checked only with the technician card in the kiosk’s slot (the overlay), or this kiosk has no technician list yet',
    notHere: 'this kiosk core does not check technician PINs (no maintenance mode here, an ATM): nothing was changed',
  };
  out.report.pin = refusal.data;
  return out.finish(EXIT.pinRefused, why[outcome]);
}

function refused(out: Output, error: CoreError): ExitCode {
  if (error.type === 'unreachable') {
    return out.finish(
      EXIT.coreRefused,
      `the kiosk core is not running or its control socket cannot be opened (${error.detail}). These commands change the kiosk's own store, which only the running core writes (it audits the change and sends it to central): start kiosk-core.service, and run this as the kiosk's user or root.`,
    );
  }
  const pin = pinRefused(out, error.detail);
  if (pin !== null) return pin;
  const code = /"error":"([A-Za-z]+)"/.exec(error.detail)?.[1] ?? 'refused';
  const why: Record<string, string> = {
    kioskBusy: 'a customer is being served, or a technician has the screen: try again when the kiosk is idle',
    noSuchDeadLetter: 'no dead letter has that transaction id (dead-letters list shows them)',
    invalidInput: 'the core refused the input',
    unknownRoute: 'this kiosk core does not offer these calls (an older version, or an ATM)',
    notDone: 'the core could not do it',
  };
  return out.finish(EXIT.coreRefused, `${why[code] ?? 'the core refused the change'} (HTTP ${error.type === 'refused' ? error.status : 0}: ${error.detail})`);
}
