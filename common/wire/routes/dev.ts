import * as dev from '../dev';
import * as kiosk from '../kiosk';
import * as telemetry from '../telemetry';
import { defineRoutes } from './define';
import { BODY, problems } from './problems';

/** Demo profile only (404 under production): SMS outbox, faults, enrolment codes, kiosks, domain clock. */
export const devRoutes = defineRoutes({ tag: 'dev', config: { access: 'demo' }, security: [] }, {
  listSms: {
    method: 'GET',
    url: '/dev/sms',
    summary: 'Recent SMS from the outbox standing in for the SMS gateway (demo profile only)',
    querystring: dev.smsQuerySchema,
    response: { 200: dev.smsListSchema, ...problems(404) },
  },
  getFault: {
    method: 'GET',
    url: '/dev/faults',
    summary: 'The fault switch now, and which /v1 requests slow mode is holding (demo profile only)',
    response: { 200: dev.faultStateSchema, ...problems(404) },
  },
  setFault: {
    method: 'POST',
    url: '/dev/faults',
    summary: 'Fault switch for /v1 routes (demo profile only)',
    body: dev.faultSettingSchema,
    response: { 200: dev.faultSettingSchema, ...problems(404, ...BODY) },
  },
  issueEnrolmentCode: {
    method: 'POST',
    url: '/dev/enrolment-codes',
    summary: 'A fresh single-use enrolment code (demo profile only)',
    response: { 201: dev.enrolmentCodeSchema, ...problems(404) },
  },
  listKiosks: {
    method: 'GET',
    url: '/dev/kiosks',
    summary: 'Enrolled kiosks and their last heartbeat (demo profile only)',
    response: { 200: dev.devKioskListSchema, ...problems(404) },
  },
  issueCommand: {
    method: 'POST',
    url: '/dev/kiosks/:kioskId/commands',
    summary: 'Queue a remote command for a kiosk (demo profile only)',
    params: dev.devKioskParamsSchema,
    body: dev.devCommandSchema,
    response: { 201: kiosk.commandSchema, ...problems(404, ...BODY) },
  },
  runBankActivations: {
    method: 'POST',
    url: '/dev/bank-activations/run',
    summary: 'Complete every pending_bank activation now instead of waiting (demo profile only)',
    response: { 200: dev.bankActivationsRunSchema, ...problems(404) },
  },
  getClock: {
    method: 'GET',
    url: '/dev/clock',
    summary: 'Central’s domain clock and how far it has been moved (demo profile only)',
    response: { 200: dev.devClockSchema, ...problems(404) },
  },
  advanceClock: {
    method: 'POST',
    url: '/dev/clock',
    summary: 'Move central’s domain clock forward, e.g. past an SMS code’s life (demo profile only)',
    body: dev.clockAdvanceSchema,
    response: { 200: dev.devClockSchema, ...problems(404, ...BODY) },
  },
  putCatalogueEntry: {
    method: 'POST',
    url: '/dev/catalogue',
    summary: 'Add or replace one catalogue entry, with the answers it gives for some people (demo profile only: how a spec adds an inquiry with no kiosk code)',
    body: dev.catalogueEntryFixtureSchema,
    response: { 200: dev.catalogueVersionSchema, ...problems(404, 422, ...BODY) },
  },
  getFleet: {
    method: 'GET',
    url: '/dev/fleet',
    summary: 'The fleet view: per kiosk its state, devices, last heartbeat, retain bin, sessions today, open faults and audit-log check (demo profile only)',
    response: { 200: telemetry.fleetViewSchema, ...problems(404) },
  },
  getKioskLog: {
    method: 'GET',
    url: '/dev/kiosks/:kioskId/logs',
    summary: 'The newest log a kiosk uploaded (the uploadLogs command), its parts joined (demo profile only)',
    params: dev.devKioskParamsSchema,
    response: { 200: telemetry.kioskLogSchema, ...problems(404) },
  },
});
