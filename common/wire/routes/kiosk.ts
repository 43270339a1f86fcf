import { z } from 'zod';
import * as kiosk from '../kiosk';
import * as technicians from '../technicians';
import * as telemetry from '../telemetry';
import { BODY, MTLS, problems } from './problems';
import { KIOSK } from './security';

/** Kiosk lifecycle: enrolment, certificates, heartbeat, configuration, outbox, commands (mTLS). */
export const kioskRoutes = {
  enrolKiosk: {
    method: 'POST',
    url: '/v1/kiosks/enrol',
    config: { access: 'enrolment', rateLimitClass: 'enrolment' },
    schema: {
      operationId: 'enrolKiosk',
      tags: ['kiosk'],
      summary: 'Exchange a single-use enrolment code and a CSR for a client certificate',
      description: 'The only kiosk route without a client certificate. The code is single use and expires.',
      security: [],
      body: kiosk.enrolmentRequestSchema,
      response: { 201: kiosk.kioskCertificateSchema, ...problems(401, 422, 429, ...BODY) },
    },
  },
  renewKioskCertificate: {
    method: 'POST',
    url: '/v1/kiosks/renew',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'renewKioskCertificate',
      tags: ['kiosk'],
      summary: 'Issue a fresh short-lived certificate to an enrolled kiosk (mTLS with its current one)',
      security: KIOSK,
      body: kiosk.renewalRequestSchema,
      response: { 200: kiosk.kioskCertificateSchema, ...problems(...MTLS, 422, ...BODY) },
    },
  },
  sendHeartbeat: {
    method: 'POST',
    url: '/v1/kiosks/heartbeat',
    config: {
      access: 'kiosk',
      rateLimitClass: 'none',
      rateLimitExemption:
        "The kiosk's own 30-second status report, answered with its commands: counted with citizen calls it would starve journeys (and a throttled kiosk would look offline); a kiosk that misbehaves is revoked.",
    },
    schema: {
      operationId: 'sendHeartbeat',
      tags: ['kiosk'],
      summary: 'Report status; receive pending commands and the current config version',
      security: KIOSK,
      body: kiosk.heartbeatSchema,
      response: { 200: kiosk.heartbeatAnswerSchema, ...problems(...MTLS, ...BODY) },
    },
  },
  getKioskConfig: {
    method: 'GET',
    url: '/v1/kiosks/config',
    config: {
      access: 'kiosk',
      rateLimitClass: 'none',
      rateLimitExemption:
        'Fetched when the heartbeat names a new version, and answered 304 from memory while the ETag is current; changes nothing.',
    },
    schema: {
      operationId: 'getKioskConfig',
      tags: ['kiosk'],
      summary: 'Central configuration overrides',
      description: 'Answers with an ETag; send it back as If-None-Match to get 304 Not Modified while unchanged.',
      security: KIOSK,
      headers: z.looseObject({ 'if-none-match': z.string().max(200).optional() }),
      response: {
        200: kiosk.kioskCentralConfigSchema,
        304: z.null().describe('Not modified: the If-None-Match ETag is current (no body)'),
        ...problems(...MTLS),
      },
    },
  },
  deliverOutbox: {
    method: 'POST',
    url: '/v1/kiosks/outbox',
    config: {
      access: 'kiosk',
      rateLimitClass: 'none',
      rateLimitExemption:
        'The kiosk drains its backlog in batches of 100 after an outage (hundreds of events a second); idempotent per (kiosk, txId), so a retry stores nothing twice.',
    },
    schema: {
      operationId: 'deliverOutbox',
      tags: ['kiosk'],
      summary: 'Deliver a batch of outbox events; idempotent on (kiosk, txId) for ever',
      security: KIOSK,
      body: kiosk.outboxBatchSchema,
      response: { 200: kiosk.outboxAnswerSchema, ...problems(...MTLS, ...BODY) },
    },
  },
  acknowledgeCommand: {
    method: 'POST',
    url: '/v1/kiosks/commands/:id/ack',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'acknowledgeCommand',
      tags: ['kiosk'],
      summary: 'Acknowledge a remote command (repeatable: the first outcome stands)',
      security: KIOSK,
      params: kiosk.commandIdParamsSchema,
      body: kiosk.commandAckSchema,
      response: { 200: kiosk.commandAckAnswerSchema, ...problems(...MTLS, 404, ...BODY) },
    },
  },
  uploadKioskLogs: {
    method: 'POST',
    url: '/v1/kiosks/logs',
    config: {
      access: 'kiosk',
      rateLimitClass: 'none',
      rateLimitExemption:
        "Only on central's uploadLogs command: the log ring in parts of at most 48,000 characters, a part sent again replaces itself.",
    },
    schema: {
      operationId: 'uploadKioskLogs',
      tags: ['kiosk'],
      summary: 'Upload part of the kiosk’s log ring (the uploadLogs command); a part sent again replaces itself',
      description: 'Parts of one upload share an uploadId; the one with last = true completes it. Each part is at most 48,000 characters of JSON lines.',
      security: KIOSK,
      body: telemetry.logUploadPartSchema,
      response: { 200: telemetry.logUploadAnswerSchema, ...problems(...MTLS, ...BODY) },
    },
  },
  verifyTechnicianPin: {
    method: 'POST',
    url: '/v1/kiosks/technicians/verify-pin',
    config: { access: 'kiosk', rateLimitClass: 'technician' },
    schema: {
      operationId: 'verifyTechnicianPin',
      tags: ['kiosk'],
      summary: 'Check a technician’s PIN typed at this kiosk (maintenance mode); every check is audited',
      description:
        'An unknown technician and a wrong PIN get the same answer (technician_pin_wrong, with attemptsRemaining). Central counts wrong PINs per technician number across every kiosk, known or not (RULES.md, technician PIN): the fifth locks that number for 15 minutes, doubling with each further lock, and answers technician_locked (423, with lockedForSeconds, lockedUntil, retryAfterSeconds and attemptsRemaining 0); while locked every check, even with the right PIN, answers technician_locked (no attemptsRemaining) without the PIN being checked. A right PIN starts the count again. Rate-limited per kiosk and per technician; the kiosk keeps its own lockout too.',
      security: KIOSK,
      body: technicians.technicianPinCheckSchema,
      response: { 200: technicians.technicianPinAnswerSchema, ...problems(...MTLS, 423, 429, ...BODY) },
    },
  },
  verifyTechnicianPinBlock: {
    method: 'POST',
    url: '/v1/kiosks/technicians/verify-pin-block',
    config: { access: 'kiosk', rateLimitClass: 'technician' },
    schema: {
      operationId: 'verifyTechnicianPinBlock',
      tags: ['kiosk'],
      summary: 'Check a technician’s PIN typed on an ATM’s EPP, as its enciphered PIN block (ATM-mode maintenance); every check is audited',
      description:
        'ATM mode: the PIN never enters the kiosk. The EPP makes an ISO 9564 format 4 block under the technician PIN key (AES; central holds the other copy) with the technician’s card number (issuer 999901, the number zero-padded to 9 digits, Luhn digit) as the PAN. Central recomputes the card number from technicianId, deciphers, and checks the PIN exactly as verifyTechnicianPin does: the same answers (technician_pin_wrong with attemptsRemaining, technician_locked 423), the same count per technician number across every kiosk, the same audit row. A block that deciphers to no PIN (another key or card, damaged, forged) counts as a wrong PIN. service_unavailable (503) when central holds no technician PIN key.',
      security: KIOSK,
      body: technicians.technicianPinBlockCheckSchema,
      response: { 200: technicians.technicianPinAnswerSchema, ...problems(...MTLS, 423, 429, 503, ...BODY) },
    },
  },
} as const;
