import { CoreClient, type CoreError } from '../../updates/coreClient';
import { EXIT, type ExitCode, type Options } from './options';
import type { Output } from './output';

/**
 * `dead-letters` and `bin-emptied`: what changes the kiosk's own store goes
 * through the running core's control socket (the same calls the maintenance
 * screen makes, audited in the technician's name and sent to central). The
 * core holds the store and its counters in memory; a second writer beside
 * it would leave them stale, and with the core stopped nobody would send
 * the audit event on. So with no core answering, the change is refused.
 */
export async function coreCommand(options: Options, out: Output): Promise<ExitCode> {
  const { action, txId, technicianId, socket } = options.core;
  const core = new CoreClient(socket, options.timeoutMs);
  out.field('Control socket', 'socket', socket);
  if (action === 'binEmptied') {
    const answer = await core.binEmptied(technicianId ?? '');
    if (!answer.ok) return refused(out, answer.error);
    out.field('Retain bin', 'retainBin', 0, `emptied: the count is 0 (it was ${answer.value.before ?? '?'})`);
    out.report.before = answer.value.before;
    out.field('Audited as', 'actor', `technician:${technicianId ?? ''}`);
    return out.finish(EXIT.ok);
  }
  const answer = action === 'list' ? await core.deadLetters() : await core.settleDeadLetter(technicianId ?? '', txId ?? '', action);
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

function refused(out: Output, error: CoreError): ExitCode {
  if (error.type === 'unreachable') {
    return out.finish(
      EXIT.coreRefused,
      `the kiosk core is not running or its control socket cannot be opened (${error.detail}). These commands change the kiosk's own store, which only the running core writes (it audits the change and sends it to central): start kiosk-core.service, and run this as the kiosk's user or root.`,
    );
  }
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
