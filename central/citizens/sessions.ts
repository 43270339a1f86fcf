import type { FastifyRequest } from 'fastify';
import type { CentralContext } from '../context';
import { maskIdNumber } from '../../common/rules';
import { keyedHash } from '../credentials/keyed';
import { newToken } from '../credentials/tokens';
import { type Answer, problem, success } from '../http/answers';
import { int, optionalInt, text } from '../store/columns';
import type { Tx } from '../store/database';
import type { Person } from './registry';

export interface CitizenSession {
  readonly idNumber: string;
  readonly tokenHash: string;
}

/** The session a signed-in route's request carries (its access hook put it there; a route without one is a bug). */
export function citizenOf(request: FastifyRequest): CitizenSession {
  if (!request.citizen) throw new Error(`route ${request.url} reached without a citizen session`);
  return request.citizen;
}

/** Opens a citizen session bound to this kiosk and answers with the CitizenSession body. */
export async function openSession(tx: Tx, context: CentralContext, kioskId: string, person: Person, mustChangePassword: boolean): Promise<Answer> {
  const token = newToken();
  const expiresAt = context.now() + context.options.citizenSessionSeconds * 1000;
  await tx.run('INSERT INTO citizen_sessions (token_hash, kiosk_id, id_number, expires_at) VALUES (?, ?, ?, ?)', [keyedHash(context.hashKey, 'session', token), kioskId, person.idNumber, expiresAt]);
  return success(200, {
    sessionToken: token,
    expiresAt: new Date(expiresAt).toISOString(),
    mustChangePassword,
    nameAr: person.nameAr,
    nameEn: person.nameEn,
    idNumberMasked: maskIdNumber(person.idNumber),
  });
}

/** Bearer token → the signed-in citizen, for this kiosk only. */
export async function authenticateCitizen(request: FastifyRequest, context: CentralContext, kioskId: string): Promise<CitizenSession | Answer> {
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header)?.[1] : undefined;
  if (!token) return problem('session_invalid', 'Send the citizen session as Authorization: Bearer <sessionToken>.');
  const tokenHash = keyedHash(context.hashKey, 'session', token);
  const row = await context.db.get('SELECT * FROM citizen_sessions WHERE token_hash = ?', [tokenHash]);
  if (!row || text(row, 'kiosk_id') !== kioskId || optionalInt(row, 'ended_at') !== null || int(row, 'expires_at') <= context.now()) {
    return problem('session_invalid', 'The citizen session is unknown, ended or expired; sign in again.');
  }
  return { idNumber: text(row, 'id_number'), tokenHash };
}

export function isSession(value: CitizenSession | Answer): value is CitizenSession {
  return 'tokenHash' in value;
}
