import { createHash } from 'node:crypto';
import type { CentralContext } from '../context';
import { PROBLEM_MEDIA_TYPE } from '../contract/problem';
import { int, text } from '../store/columns';
import type { Tx } from '../store/database';
import { type Answer, problem } from './answers';

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
export function requestDigest(operation: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(canonicalJson({ operation, params, body })).digest('hex');
}

/**
 * Runs a citizen action at most once per (kiosk, Idempotency-Key). The answer
 * — success or problem — is stored in the same transaction as the effect, so
 * a retry after a lost response gets the original answer and nothing is
 * applied twice; the same key with a different request is refused.
 */
export async function runOnce(
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
      return { status, body: JSON.parse(text(stored, 'body_json')) as unknown, mediaType: status >= 400 ? PROBLEM_MEDIA_TYPE : 'application/json' };
    }
    const answer = await effect(tx);
    await tx.run('INSERT INTO idempotency (kiosk_id, key, request_hash, status, body_json, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      kioskId,
      key,
      digest,
      answer.status,
      JSON.stringify(answer.body),
      context.now(),
    ]);
    return answer;
  });
}
