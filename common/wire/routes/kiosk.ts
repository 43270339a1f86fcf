import * as kiosk from '../kiosk';
import * as technicians from '../technicians';
import * as telemetry from '../telemetry';
import { ifNoneMatchHeaders, notModified } from './conditional';
import { defineRoutes } from './define';
import { BODY, MTLS, problems } from './problems';
import { KIOSK } from './security';

/** Kiosk lifecycle: enrolment, certificates, heartbeat, configuration, outbox, commands (mTLS). */
export const kioskRoutes = defineRoutes({ tag: 'kiosk', config: { access: 'kiosk' }, security: KIOSK }, {
  enrolKiosk: {
    method: 'POST',
    url: '/v1/kiosks/enrol',
    config: { access: 'enrolment', rateLimitClass: 'enrolment' },
    summary: 'Exchange a single-use enrolment code and a CSR for a client certificate',
    description: 'The only kiosk route without a client certificate. The code is single use and expires.',
    security: [],
    body: kiosk.enrolmentRequestSchema,
    response: { 201: kiosk.kioskCertificateSchema, ...problems(401, 422, 429, ...BODY) },
  },
  renewKioskCertificate: {
    method: 'POST',
    url: '/v1/kiosks/renew',
    summary: 'Issue a fresh short-lived certificate to an enrolled kiosk (mTLS with its current one)',
    body: kiosk.renewalRequestSchema,
    response: { 200: kiosk.kioskCertificateSchema, ...problems(...MTLS, 422, ...BODY) },
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
    summary: 'Report status; receive pending commands and the current config version',
    body: kiosk.heartbeatSchema,
    response: { 200: kiosk.heartbeatAnswerSchema, ...problems(...MTLS, ...BODY) },
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
    summary: 'Central configuration overrides',
    description: 'Answers with an ETag; send it back as If-None-Match to get 304 Not Modified while unchanged.',
    headers: ifNoneMatchHeaders,
    response: {
      200: kiosk.kioskCentralConfigSchema,
      ...notModified,
      ...problems(...MTLS),
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
    summary: 'Deliver a batch of outbox events; idempotent on (kiosk, txId) for ever',
    body: kiosk.outboxBatchSchema,
    response: { 200: kiosk.outboxAnswerSchema, ...problems(...MTLS, ...BODY) },
  },
  acknowledgeCommand: {
    method: 'POST',
    url: '/v1/kiosks/commands/:id/ack',
    summary: 'Acknowledge a remote command (repeatable: the first outcome stands)',
    params: kiosk.commandIdParamsSchema,
    body: kiosk.commandAckSchema,
    response: { 200: kiosk.commandAckAnswerSchema, ...problems(...MTLS, 404, ...BODY) },
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
    summary: 'Upload part of the kiosk’s log ring (the uploadLogs command); a part sent again replaces itself',
    description: 'Parts of one upload share an uploadId; the one with last = true completes it. Each part is at most 48,000 characters of JSON lines.',
    body: telemetry.logUploadPartSchema,
    response: { 200: telemetry.logUploadAnswerSchema, ...problems(...MTLS, ...BODY) },
  },
  verifyTechnicianPin: {
    method: 'POST',
    url: '/v1/kiosks/technicians/verify-pin',
    config: { access: 'kiosk', rateLimitClass: 'technician' },
    summary: 'Check a technician’s PIN typed at this kiosk (maintenance mode); every check is audited',
    description:
      'An unknown technician and a wrong PIN get the same answer (technician_pin_wrong, with attemptsRemaining). Central counts wrong PINs per technician number across every kiosk, known or not (RULES.md, technician PIN): the fifth locks that number for 15 minutes, doubling with each further lock, and answers technician_locked (423, with lockedForSeconds, lockedUntil, retryAfterSeconds and attemptsRemaining 0); while locked every check, even with the right PIN, answers technician_locked (no attemptsRemaining) without the PIN being checked. A right PIN starts the count again. Rate-limited per kiosk and per technician; the kiosk keeps its own lockout too.',
    body: technicians.technicianPinCheckSchema,
    response: { 200: technicians.technicianPinAnswerSchema, ...problems(...MTLS, 423, 429, ...BODY) },
  },
  verifyTechnicianPinBlock: {
    method: 'POST',
    url: '/v1/kiosks/technicians/verify-pin-block',
    config: { access: 'kiosk', rateLimitClass: 'technician' },
    summary: 'Check a technician’s PIN typed on an ATM’s EPP, as its enciphered PIN block (ATM-mode maintenance); every check is audited',
    description:
      'ATM mode: the PIN never enters the kiosk. The EPP makes an ISO 9564 format 4 block under the technician PIN key (AES; central holds the other copy) with the technician’s card number (issuer 999901, the number zero-padded to 9 digits, Luhn digit) as the PAN. Central recomputes the card number from technicianId, deciphers, and checks the PIN exactly as verifyTechnicianPin does: the same answers (technician_pin_wrong with attemptsRemaining, technician_locked 423), the same count per technician number across every kiosk, the same audit row. A block that deciphers to no PIN (another key or card, damaged, forged) counts as a wrong PIN. service_unavailable (503) when central holds no technician PIN key.',
    body: technicians.technicianPinBlockCheckSchema,
    response: { 200: technicians.technicianPinAnswerSchema, ...problems(...MTLS, 423, 429, 503, ...BODY) },
  },
});
