import type { z } from 'zod';
import * as dev from '../dev';
import * as kiosk from '../kiosk';
import * as telemetry from '../telemetry';
import { defineRoutes } from './define';
import { BODY, problems } from './problems';

type Method = 'GET' | 'POST';
type Answers = Readonly<Record<number, unknown>>;

/** What a demo route may take besides its method, path and answer. */
interface DemoInput {
  readonly querystring?: z.ZodType;
  readonly params?: z.ZodType;
  readonly body?: z.ZodType;
}

/** A demo route as its area's table writes it (define.ts's RouteEntry). */
type DemoRoute<M, U, A, I> = { readonly method: M; readonly url: U; readonly summary: string; readonly response: A & Readonly<Record<number, unknown>> } & I;

/**
 * A demo-only route, said in one line: its summary says it is demo-only, and
 * it may answer 404 (production does not register it, so there it is a route
 * that does not exist); one that takes a body answers a body's problems too.
 */
function demo<const M extends Method, const U extends string, const A extends Answers>(method: M, url: U, summary: string, answers: A): DemoRoute<M, U, A, unknown>;
function demo<const M extends Method, const U extends string, const A extends Answers, const I extends DemoInput>(method: M, url: U, summary: string, answers: A, input: I): DemoRoute<M, U, A, I>;
function demo(method: Method, url: string, summary: string, answers: Answers, input: DemoInput = {}): DemoRoute<Method, string, Answers, DemoInput> {
  return { method, url, summary: `${summary} (demo profile only)`, ...input, response: { ...answers, ...problems(404, ...(input.body ? BODY : [])) } };
}

/** Demo profile only (404 under production): SMS outbox, faults, enrolment codes, kiosks, domain clock, catalogue, fleet. */
export const devRoutes = defineRoutes({ tag: 'dev', config: { access: 'demo' }, security: [] }, {
  listSms: demo('GET', '/dev/sms', 'Recent SMS from the outbox standing in for the SMS gateway', { 200: dev.smsListSchema }, { querystring: dev.smsQuerySchema }),
  getFault: demo('GET', '/dev/faults', 'The fault switch now, and which /v1 requests slow mode is holding', { 200: dev.faultStateSchema }),
  setFault: demo('POST', '/dev/faults', 'Fault switch for /v1 routes', { 200: dev.faultSettingSchema }, { body: dev.faultSettingSchema }),
  issueEnrolmentCode: demo('POST', '/dev/enrolment-codes', 'A fresh single-use enrolment code', { 201: dev.enrolmentCodeSchema }),
  listKiosks: demo('GET', '/dev/kiosks', 'Enrolled kiosks and their last heartbeat', { 200: dev.devKioskListSchema }),
  issueCommand: demo('POST', '/dev/kiosks/:kioskId/commands', 'Queue a remote command for a kiosk', { 201: kiosk.commandSchema }, { params: dev.devKioskParamsSchema, body: dev.devCommandSchema }),
  runBankActivations: demo('POST', '/dev/bank-activations/run', 'Complete every pending_bank activation now instead of waiting', { 200: dev.bankActivationsRunSchema }),
  getClock: demo('GET', '/dev/clock', 'Central’s domain clock and how far it has been moved', { 200: dev.devClockSchema }),
  advanceClock: demo('POST', '/dev/clock', 'Move central’s domain clock forward, e.g. past an SMS code’s life', { 200: dev.devClockSchema }, { body: dev.clockAdvanceSchema }),
  putCatalogueEntry: demo(
    'POST',
    '/dev/catalogue',
    'Add or replace one catalogue entry, with the answers it gives for some people: how a spec adds an inquiry with no kiosk code',
    { 200: dev.catalogueVersionSchema, ...problems(422) },
    { body: dev.catalogueEntryFixtureSchema },
  ),
  getFleet: demo(
    'GET',
    '/dev/fleet',
    'The fleet view: per kiosk its state, devices, last heartbeat, retain bin, sessions today, open faults and audit-log check',
    { 200: telemetry.fleetViewSchema },
  ),
  getKioskLog: demo('GET', '/dev/kiosks/:kioskId/logs', 'The newest log a kiosk uploaded (the uploadLogs command), its parts joined', { 200: telemetry.kioskLogSchema }, { params: dev.devKioskParamsSchema }),
});
