import * as dev from '../dev';
import * as kiosk from '../kiosk';
import * as telemetry from '../telemetry';
import { BODY, problems } from './problems';

/** Demo profile only (404 under production): SMS outbox, faults, enrolment codes, kiosks, domain clock. */
export const devRoutes = {
  listSms: {
    method: 'GET',
    url: '/dev/sms',
    config: { access: 'demo' },
    schema: {
      operationId: 'listSms',
      tags: ['dev'],
      summary: 'Recent SMS from the outbox standing in for the SMS gateway (demo profile only)',
      security: [],
      querystring: dev.smsQuerySchema,
      response: { 200: dev.smsListSchema, ...problems(404) },
    },
  },
  getFault: {
    method: 'GET',
    url: '/dev/faults',
    config: { access: 'demo' },
    schema: {
      operationId: 'getFault',
      tags: ['dev'],
      summary: 'The fault switch now, and which /v1 requests slow mode is holding (demo profile only)',
      security: [],
      response: { 200: dev.faultStateSchema, ...problems(404) },
    },
  },
  setFault: {
    method: 'POST',
    url: '/dev/faults',
    config: { access: 'demo' },
    schema: {
      operationId: 'setFault',
      tags: ['dev'],
      summary: 'Fault switch for /v1 routes (demo profile only)',
      security: [],
      body: dev.faultSettingSchema,
      response: { 200: dev.faultSettingSchema, ...problems(404, ...BODY) },
    },
  },
  issueEnrolmentCode: {
    method: 'POST',
    url: '/dev/enrolment-codes',
    config: { access: 'demo' },
    schema: {
      operationId: 'issueEnrolmentCode',
      tags: ['dev'],
      summary: 'A fresh single-use enrolment code (demo profile only)',
      security: [],
      response: { 201: dev.enrolmentCodeSchema, ...problems(404) },
    },
  },
  listKiosks: {
    method: 'GET',
    url: '/dev/kiosks',
    config: { access: 'demo' },
    schema: {
      operationId: 'listKiosks',
      tags: ['dev'],
      summary: 'Enrolled kiosks and their last heartbeat (demo profile only)',
      security: [],
      response: { 200: dev.devKioskListSchema, ...problems(404) },
    },
  },
  issueCommand: {
    method: 'POST',
    url: '/dev/kiosks/:kioskId/commands',
    config: { access: 'demo' },
    schema: {
      operationId: 'issueCommand',
      tags: ['dev'],
      summary: 'Queue a remote command for a kiosk (demo profile only)',
      security: [],
      params: dev.devKioskParamsSchema,
      body: dev.devCommandSchema,
      response: { 201: kiosk.commandSchema, ...problems(404, ...BODY) },
    },
  },
  runBankActivations: {
    method: 'POST',
    url: '/dev/bank-activations/run',
    config: { access: 'demo' },
    schema: {
      operationId: 'runBankActivations',
      tags: ['dev'],
      summary: 'Complete every pending_bank activation now instead of waiting (demo profile only)',
      security: [],
      response: { 200: dev.bankActivationsRunSchema, ...problems(404) },
    },
  },
  getClock: {
    method: 'GET',
    url: '/dev/clock',
    config: { access: 'demo' },
    schema: {
      operationId: 'getClock',
      tags: ['dev'],
      summary: 'Central’s domain clock and how far it has been moved (demo profile only)',
      security: [],
      response: { 200: dev.devClockSchema, ...problems(404) },
    },
  },
  advanceClock: {
    method: 'POST',
    url: '/dev/clock',
    config: { access: 'demo' },
    schema: {
      operationId: 'advanceClock',
      tags: ['dev'],
      summary: 'Move central’s domain clock forward, e.g. past an SMS code’s life (demo profile only)',
      security: [],
      body: dev.clockAdvanceSchema,
      response: { 200: dev.devClockSchema, ...problems(404, ...BODY) },
    },
  },
  putCatalogueEntry: {
    method: 'POST',
    url: '/dev/catalogue',
    config: { access: 'demo' },
    schema: {
      operationId: 'putCatalogueEntry',
      tags: ['dev'],
      summary: 'Add or replace one catalogue entry, with the answers it gives for some people (demo profile only: how a spec adds an inquiry with no kiosk code)',
      security: [],
      body: dev.catalogueEntryFixtureSchema,
      response: { 200: dev.catalogueVersionSchema, ...problems(404, 422, ...BODY) },
    },
  },
  getFleet: {
    method: 'GET',
    url: '/dev/fleet',
    config: { access: 'demo' },
    schema: {
      operationId: 'getFleet',
      tags: ['dev'],
      summary: 'The fleet view: per kiosk its state, devices, last heartbeat, retain bin, sessions today, open faults and audit-log check (demo profile only)',
      security: [],
      response: { 200: telemetry.fleetViewSchema, ...problems(404) },
    },
  },
  getKioskLog: {
    method: 'GET',
    url: '/dev/kiosks/:kioskId/logs',
    config: { access: 'demo' },
    schema: {
      operationId: 'getKioskLog',
      tags: ['dev'],
      summary: 'The newest log a kiosk uploaded (the uploadLogs command), its parts joined (demo profile only)',
      security: [],
      params: dev.devKioskParamsSchema,
      response: { 200: telemetry.kioskLogSchema, ...problems(404) },
    },
  },
} as const;
