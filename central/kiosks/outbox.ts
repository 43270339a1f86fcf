import { createHash } from 'node:crypto';
import { OUTBOX_KINDS, type OutboxEvent } from '../../common/wire/kiosk';
import type { CentralContext } from '../context';
import { text } from '../store/columns';
import { ingestTelemetry } from './telemetry';

const MAX_EVENT_PAYLOAD_BYTES = 16_384;

type OutboxResult =
  | { txId: string; status: 'accepted' | 'duplicate' }
  | { txId: string; status: 'rejected'; code: 'unknown_kind' | 'payload_too_large' | 'tx_id_reused' | 'payload_invalid'; detail: string };

const KNOWN_KINDS: ReadonlySet<string> = new Set(OUTBOX_KINDS);

/**
 * Stores a batch in one transaction, idempotent on (kiosk, txId) for ever:
 * a txId seen before with the same content is a duplicate (delivered), with
 * other content a permanent rejection. A txId twice in one batch is judged the
 * same way against its first occurrence.
 */
export async function deliverOutbox(context: CentralContext, kioskId: string, events: readonly OutboxEvent[]): Promise<OutboxResult[]> {
  const prepared = events.map((event) => {
    const payloadJson = JSON.stringify(event.payload);
    const contentHash = createHash('sha256').update(JSON.stringify([event.kind, event.occurredAt, payloadJson])).digest('hex');
    return { event, payloadJson, contentHash };
  });
  return context.db.transaction(async (tx) => {
    const results: OutboxResult[] = [];
    for (const { event, payloadJson, contentHash } of prepared) {
      const existing = await tx.get('SELECT content_hash FROM outbox_events WHERE kiosk_id = ? AND tx_id = ?', [kioskId, event.txId]);
      if (existing) {
        results.push(
          text(existing, 'content_hash') === contentHash
            ? { txId: event.txId, status: 'duplicate' }
            : { txId: event.txId, status: 'rejected', code: 'tx_id_reused', detail: 'This txId was delivered before with different content.' },
        );
        continue;
      }
      if (!KNOWN_KINDS.has(event.kind)) {
        results.push({ txId: event.txId, status: 'rejected', code: 'unknown_kind', detail: `Known kinds: ${OUTBOX_KINDS.join(', ')}.` });
        continue;
      }
      if (Buffer.byteLength(payloadJson) > MAX_EVENT_PAYLOAD_BYTES) {
        results.push({ txId: event.txId, status: 'rejected', code: 'payload_too_large', detail: `Payloads are at most ${MAX_EVENT_PAYLOAD_BYTES} bytes of JSON.` });
        continue;
      }
      if (event.kind === 'telemetry') {
        const ingested = await ingestTelemetry(tx, kioskId, event.payload, context.now());
        if (!ingested.ok) {
          results.push({ txId: event.txId, status: 'rejected', code: 'payload_invalid', detail: ingested.detail });
          continue;
        }
      }
      await tx.run('INSERT INTO outbox_events (kiosk_id, tx_id, kind, occurred_at, payload_json, content_hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        kioskId,
        event.txId,
        event.kind,
        event.occurredAt,
        payloadJson,
        contentHash,
        context.now(),
      ]);
      results.push({ txId: event.txId, status: 'accepted' });
    }
    return results;
  });
}
