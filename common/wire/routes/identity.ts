import * as citizen from '../citizen';
import { BODY, MTLS, problems } from './problems';
import { KIOSK } from './security';

/** Every citizen action: its Idempotency-Key and the session's language (Accept-Language). */
const action = citizen.citizenHeadersSchema;

/** Identity proofing: a fingerprint 1:1 match or an ID card chip, each giving a verification token. */
export const identityRoutes = {
  verifyFingerprint: {
    method: 'POST',
    url: '/v1/citizens/verifications/fingerprint',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'verifyFingerprint',
      tags: ['identity'],
      summary: '1:1 match of a live capture against the claimed ID’s enrolled fingers',
      description: 'Success gives a single-use verification token. Failed matches count per (kiosk, sessionId); after the limit the session is refused.',
      security: KIOSK,
      headers: action,
      body: citizen.fingerprintVerificationSchema,
      response: { 200: citizen.verificationSchema, ...problems(...MTLS, 422, 429, ...BODY) },
    },
  },
  verifyIdCard: {
    method: 'POST',
    url: '/v1/citizens/verifications/id-card',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'verifyIdCard',
      tags: ['identity'],
      summary: 'Check an ID card’s chip data against the registry',
      security: KIOSK,
      headers: action,
      body: citizen.idCardVerificationSchema,
      response: { 200: citizen.verificationSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
} as const;
