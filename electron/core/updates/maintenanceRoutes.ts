import { z } from 'zod';
import type { DeadLetterView } from '../../contract';
import type { Logger } from '../log';
import { normaliseTechnicianId } from '../maintenance/desk';
import type { DiagnosticsService } from '../maintenance/diagnostics';
import type { PinVerdict, TechnicianPinCheck } from '../maintenance/pinCheck';

/**
 * The control socket's maintenance calls, for the devices CLI on a
 * technician's laptop (`npm run devices -- dead-letters …`, `bin-emptied`):
 * the same service and store the maintenance screen uses, each change
 * audited in the named technician's name and sent to central.
 *   GET  /v1/maintenance/dead-letters   the refused events (kind, error, attempts; never their content)
 *   POST /v1/maintenance/dead-letters   { technicianId, pin, txId, action: retry|discard } → the list as it is now
 *   POST /v1/maintenance/bin-emptied    { technicianId, pin } → the count the bin had (refused while a customer is served)
 * Who may call: whoever may open the socket (0600, the kiosk's own user or
 * root), and only with the technician's PIN, checked as the maintenance
 * overlay checks it (pinCheck.ts: the same lockout, central first, every
 * attempt audited with entry `cli`). A PIN refused answers `pinRefused`
 * with why (wrong, locked, throttled, cannotCheck) and changes nothing.
 */
export interface MaintenanceRoutesOptions {
  diagnostics: Pick<DiagnosticsService, 'deadLetters' | 'deadLetterAction' | 'action'>;
  /** A customer is being served (or a technician has the screen): the bin is not touched then. */
  kioskBusy: () => boolean;
  /** The overlay's PIN check (null where maintenance does not run: every change is refused). */
  pinCheck: Pick<TechnicianPinCheck, 'check'> | null;
  log: Logger;
}

type RouteAnswer = { status: number; body: unknown };

const technicianId = z.string().transform((raw, ctx) => normaliseTechnicianId(raw) ?? (ctx.addIssue({ code: 'custom', message: 'not a technician number' }), z.NEVER));
const pin = z.string().regex(/^[0-9]{4,8}$/, 'a PIN is 4 to 8 digits');
const settleSchema = z.object({ technicianId, pin, txId: z.string().regex(/^[A-Za-z0-9-]{8,80}$/), action: z.enum(['retry', 'discard']) }).strict();
const binSchema = z.object({ technicianId, pin }).strict();

/** Why a PIN was refused, as the CLI reads it (never the PIN). */
interface PinRefusedAnswer {
  error: 'pinRefused';
  outcome: Exclude<PinVerdict['outcome'], 'verified'> | 'notHere';
  attemptsLeft: number | null;
  /** Epoch ms: a lockout's end, or when central will check again (429). */
  until: number | null;
}

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
    const refused = await pinRefused(options, input.data.technicianId, input.data.pin);
    if (refused) return refused;
    const left: DeadLetterView[] | null = await diagnostics.deadLetterAction(input.data.txId, input.data.action, input.data.technicianId);
    if (!left) return { status: 404, body: { error: 'noSuchDeadLetter' } };
    log.info({ event: 'maintenance.cli', action: `deadLetter.${input.data.action}`, technicianId: input.data.technicianId }, 'dead letter settled from the CLI');
    return { status: 200, body: left };
  }
  if (route === 'POST /v1/maintenance/bin-emptied') {
    const input = binSchema.safeParse(await body());
    if (!input.success) return invalid(input.error);
    if (options.kioskBusy()) return { status: 409, body: { error: 'kioskBusy' } };
    const refused = await pinRefused(options, input.data.technicianId, input.data.pin);
    if (refused) return refused;
    const { check } = await diagnostics.action('cardSlot.binEmptied', { technicianId: input.data.technicianId });
    if (check.result === 'fail') return { status: 503, body: { error: 'notDone', detail: check.detail } };
    log.info({ event: 'maintenance.cli', action: 'cardSlot.binEmptied', technicianId: input.data.technicianId }, 'retain bin emptied from the CLI');
    const before = typeof check.facts.before === 'number' ? check.facts.before : null;
    return { status: 200, body: { before, detail: check.detail } satisfies BinEmptiedAnswer };
  }
  return null;
}

/** The technician's PIN, checked as the overlay checks it: null when verified, else the refusal (403 wrong, 423 locked, 429 wait, 503 cannot check). */
async function pinRefused(options: MaintenanceRoutesOptions, technicianId: string, pin: string): Promise<RouteAnswer | null> {
  const refuse = (status: number, answer: Omit<PinRefusedAnswer, 'error'>): RouteAnswer => ({ status, body: { error: 'pinRefused', ...answer } satisfies PinRefusedAnswer });
  if (!options.pinCheck) return refuse(503, { outcome: 'notHere', attemptsLeft: null, until: null });
  const verdict = await options.pinCheck.check('cli', technicianId, pin);
  switch (verdict?.outcome) {
    case 'verified':
      return null;
    case 'wrong':
      return refuse(403, { outcome: 'wrong', attemptsLeft: verdict.attemptsLeft, until: null });
    case 'locked':
      return refuse(423, { outcome: 'locked', attemptsLeft: 0, until: verdict.lockedUntil });
    case 'throttled':
      return refuse(429, { outcome: 'throttled', attemptsLeft: verdict.attemptsLeft, until: verdict.retryAt });
    case 'cannotCheck':
    case undefined:
      return refuse(503, { outcome: 'cannotCheck', attemptsLeft: verdict?.attemptsLeft ?? null, until: null });
  }
}

function invalid(error: z.ZodError): RouteAnswer {
  return { status: 400, body: { error: 'invalidInput', detail: error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') } };
}
