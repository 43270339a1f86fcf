import { z } from 'zod';
import type { DeadLetterView } from '../../contract';
import type { Logger } from '../log';
import { normaliseTechnicianId } from '../maintenance/desk';
import type { DiagnosticsService } from '../maintenance/diagnostics';

/**
 * The control socket's maintenance calls, for the devices CLI on a
 * technician's laptop (`npm run devices -- dead-letters …`, `bin-emptied`):
 * the same service and store the maintenance screen uses, each change
 * audited in the named technician's name and sent to central.
 *   GET  /v1/maintenance/dead-letters   the refused events (kind, error, attempts; never their content)
 *   POST /v1/maintenance/dead-letters   { technicianId, txId, action: retry|discard } → the list as it is now
 *   POST /v1/maintenance/bin-emptied    { technicianId } → the count the bin had (refused while a customer is served)
 * Who may call: whoever may open the socket (0600, the kiosk's own user or
 * root); the technician number names them in the audit log.
 */
export interface MaintenanceRoutesOptions {
  diagnostics: Pick<DiagnosticsService, 'deadLetters' | 'deadLetterAction' | 'action'>;
  /** A customer is being served (or a technician has the screen): the bin is not touched then. */
  kioskBusy: () => boolean;
  log: Logger;
}

type RouteAnswer = { status: number; body: unknown };

const technicianId = z.string().transform((raw, ctx) => normaliseTechnicianId(raw) ?? (ctx.addIssue({ code: 'custom', message: 'not a technician number' }), z.NEVER));
const settleSchema = z.object({ technicianId, txId: z.string().regex(/^[A-Za-z0-9-]{8,80}$/), action: z.enum(['retry', 'discard']) }).strict();
const binSchema = z.object({ technicianId }).strict();

export interface BinEmptiedAnswer {
  before: number | null;
  detail: string;
}

export async function maintenanceRoute(route: string, body: () => Promise<unknown>, options: MaintenanceRoutesOptions): Promise<RouteAnswer | null> {
  const { diagnostics, log } = options;
  if (route === 'GET /v1/maintenance/dead-letters') return { status: 200, body: await diagnostics.deadLetters() };
  if (route === 'POST /v1/maintenance/dead-letters') {
    const input = settleSchema.safeParse(await body());
    if (!input.success) return invalid(input.error);
    const left: DeadLetterView[] | null = await diagnostics.deadLetterAction(input.data.txId, input.data.action, input.data.technicianId);
    if (!left) return { status: 404, body: { error: 'noSuchDeadLetter' } };
    log.info({ event: 'maintenance.cli', action: `deadLetter.${input.data.action}`, technicianId: input.data.technicianId }, 'dead letter settled from the CLI');
    return { status: 200, body: left };
  }
  if (route === 'POST /v1/maintenance/bin-emptied') {
    const input = binSchema.safeParse(await body());
    if (!input.success) return invalid(input.error);
    if (options.kioskBusy()) return { status: 409, body: { error: 'kioskBusy' } };
    const { check } = await diagnostics.action('cardSlot.binEmptied', { technicianId: input.data.technicianId });
    if (check.result === 'fail') return { status: 503, body: { error: 'notDone', detail: check.detail } };
    log.info({ event: 'maintenance.cli', action: 'cardSlot.binEmptied', technicianId: input.data.technicianId }, 'retain bin emptied from the CLI');
    const before = typeof check.facts.before === 'number' ? check.facts.before : null;
    return { status: 200, body: { before, detail: check.detail } satisfies BinEmptiedAnswer };
  }
  return null;
}

function invalid(error: z.ZodError): RouteAnswer {
  return { status: 400, body: { error: 'invalidInput', detail: error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') } };
}
