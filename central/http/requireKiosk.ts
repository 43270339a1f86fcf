import type { FastifyRequest } from 'fastify';
import type { KioskIdentity } from './kioskIdentity';

/** The onRequest hook authenticated the kiosk for every /v1 route but enrolment; reaching a handler without one is a wiring bug. */
export function kioskOf(request: FastifyRequest): KioskIdentity {
  if (!request.kiosk) throw new Error(`route ${request.url} reached without a kiosk identity`);
  return request.kiosk;
}
