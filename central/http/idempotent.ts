import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CentralContext } from '../context';
import { PROBLEM_MEDIA_TYPE } from '../../common/wire/problem';
import { keyedHash } from '../credentials/keyed';
import { newToken } from '../credentials/tokens';
import { int, text } from '../store/columns';
import type { Tx } from '../store/database';
import { type Answer, problem } from './answers';
import { kioskOf } from './requireKiosk';

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same" for an idempotency key: the operation, its path parameters and its body. */
function requestDigest(operation: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(canonicalJson({ operation, params, body })).digest('hex');
}

/** Bearer tokens an answer may carry, and the table that holds each one's keyed hash. */
const BEARER_FIELDS = { sessionToken: { table: 'citizen_sessions', purpose: 'session' }, verificationToken: { table: 'verification_tokens', purpose: 'verification' } } as const;
type BearerField = keyof typeof BEARER_FIELDS;
const isBearerField = (key: string): key is BearerField => Object.hasOwn(BEARER_FIELDS, key);

/** What is stored in place of a bearer token: only its keyed hash, which is what the token's own table keys on. */
interface StoredBearer {
  readonly bearerHash: string;
}

function withoutBearers(context: CentralContext, body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) =>
      isBearerField(key) && typeof value === 'string' ? [key, { bearerHash: keyedHash(context.hashKey, BEARER_FIELDS[key].purpose, value) } satisfies StoredBearer] : [key, value],
    ),
  );
}

/**
 * A replay cannot hand back a token that was never stored: it issues a fresh
 * one in its place (same session or verification, same expiry), so the
 * original, lost in transit, stops working.
 */
async function withFreshBearers(tx: Tx, context: CentralContext, body: unknown): Promise<unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (isBearerField(key) && value !== null && typeof value === 'object' && typeof (value as StoredBearer).bearerHash === 'string') {
      const token = newToken();
      const { table, purpose } = BEARER_FIELDS[key];
      const hash = keyedHash(context.hashKey, purpose, token);
      await tx.run(`UPDATE ${table} SET token_hash = ? WHERE token_hash = ?`, [hash, (value as StoredBearer).bearerHash]);
      // The stored record now names the new hash, so a further replay rotates from there.
      out[key] = token;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Runs a citizen action at most once per (kiosk, Idempotency-Key). The answer
 * — success or problem — is stored in the same transaction as the effect, so
 * a retry after a lost response gets the original answer and nothing is
 * applied twice; the same key with a different request is refused.
 */
async function runOnce(
  context: CentralContext,
  kioskId: string,
  key: string,
  digest: string,
  effect: (tx: Tx) => Promise<Answer>,
): Promise<Answer> {
  return context.db.transaction(async (tx) => {
    const stored = await tx.get('SELECT request_hash, status, body_json FROM idempotency WHERE kiosk_id = ? AND key = ?', [kioskId, key]);
    if (stored) {
      if (text(stored, 'request_hash') !== digest) {
        return problem('idempotency_key_reused', 'This Idempotency-Key was already used for a different request; use a new key for a new action.');
      }
      const status = int(stored, 'status');
      const storedBody = JSON.parse(text(stored, 'body_json')) as unknown;
      const body = await withFreshBearers(tx, context, storedBody);
      if (body !== storedBody) {
        await tx.run('UPDATE idempotency SET body_json = ? WHERE kiosk_id = ? AND key = ?', [JSON.stringify(withoutBearers(context, body)), kioskId, key]);
      }
      return { status, body, mediaType: status >= 400 ? PROBLEM_MEDIA_TYPE : 'application/json' };
    }
    const answer = await effect(tx);
    await tx.run('INSERT INTO idempotency (kiosk_id, key, request_hash, status, body_json, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      kioskId,
      key,
      digest,
      answer.status,
      // Bearer tokens are never kept here: only their keyed hash, and a replay issues a fresh token.
      JSON.stringify(withoutBearers(context, answer.body)),
      context.now(),
    ]);
    return answer;
  });
}

/** The operation a request reached: its route's operationId, which the route table makes its name. */
function operationOf(request: FastifyRequest): string {
  const id = (request.routeOptions.schema as { operationId?: unknown } | undefined)?.operationId;
  if (typeof id !== 'string') throw new Error(`route ${request.routeOptions.url ?? request.url} has no operationId`);
  return id;
}

/**
 * A kiosk's POST at most once per (kiosk, Idempotency-Key): the answer stored with the effect, the request told apart
 * by the operation it reached (its route), its path parameters and body. No key: a problem, and nothing runs.
 */
export function runRequestOnce(context: CentralContext, request: FastifyRequest, effect: (tx: Tx) => Promise<Answer>): Promise<Answer> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string') return Promise.resolve(problem('idempotency_key_missing', 'Send an Idempotency-Key header.'));
  return runOnce(context, kioskOf(request).kioskId, key, requestDigest(operationOf(request), request.params, request.body), effect);
}
