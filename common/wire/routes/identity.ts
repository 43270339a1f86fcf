import * as citizen from '../citizen';
import { defineRoutes } from './define';
import { BODY, MTLS, problems } from './problems';
import { citizenAtKiosk } from './security';

/** Identity proofing: a fingerprint 1:1 match or an ID card chip, each giving a verification token. */
export const identityRoutes = defineRoutes(citizenAtKiosk('identity'), {
  verifyFingerprint: {
    method: 'POST',
    url: '/v1/citizens/verifications/fingerprint',
    summary: '1:1 match of a live capture against the claimed ID’s enrolled fingers',
    description: 'Success gives a single-use verification token. Failed matches count per (kiosk, sessionId); after the limit the session is refused.',
    body: citizen.fingerprintVerificationSchema,
    response: { 200: citizen.verificationSchema, ...problems(...MTLS, 422, 429, ...BODY) },
  },
  verifyIdCard: {
    method: 'POST',
    url: '/v1/citizens/verifications/id-card',
    summary: 'Check an ID card’s chip data against the registry',
    body: citizen.idCardVerificationSchema,
    response: { 200: citizen.verificationSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
});
