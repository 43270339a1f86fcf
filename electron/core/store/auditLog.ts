import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonicalJson';
import type { Json } from './canonicalJson';
import type { Tx, TxWork } from './statements';

const genesisHash = '0'.repeat(64);

/** What happened, by whom. Plain text on disk: no PII here (a person appears only as an ID's last four digits). */
interface AuditEntry {
  actor: string;
  action: string;
  detail: { [key: string]: Json };
}

interface AuditRecord extends AuditEntry {
  seq: number;
  at: number;
  prevHash: string;
  hash: string;
}

const auditRow = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actor: z.string(),
  action: z.string(),
  detail: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
type AuditRow = z.infer<typeof auditRow>;

/** hash = SHA-256(previous hash ‖ canonical content), hex. */
function auditHash(prevHash: string, content: { seq: number; at: number; actor: string; action: string; detail: Json }): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/** Appends within the caller's transaction, so the entry commits with the change it records. */
export function* appendAudit(tx: Tx, entry: AuditEntry, at: number): TxWork<AuditRecord> {
  const last = yield* tx.get(z.object({ seq: z.number().int(), hash: z.string() }), 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? genesisHash;
  const hash = auditHash(prevHash, { seq, at, actor: entry.actor, action: entry.action, detail: entry.detail });
  yield* tx.run('INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    seq,
    at,
    entry.actor,
    entry.action,
    canonicalJson(entry.detail),
    prevHash,
    hash,
  ]);
  return { ...entry, seq, at, prevHash, hash };
}

/** The newest link: reported to central in the heartbeat, which is what makes cutting off the tail detectable. */
export function* auditHead(tx: Tx): TxWork<{ seq: number; hash: string }> {
  const last = yield* tx.get(z.object({ seq: z.number().int(), hash: z.string() }), 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  return last ?? { seq: 0, hash: genesisHash };
}

type AuditChainCheck =
  | { intact: true; entries: number; head: string }
  | { intact: false; brokenAt: number; reason: 'sequenceGap' | 'previousHashMismatch' | 'contentHashMismatch' | 'unreadableDetail' };

function check(row: AuditRow, expectedSeq: number, prevHash: string): AuditChainCheck | null {
  if (row.seq !== expectedSeq) return { intact: false, brokenAt: expectedSeq, reason: 'sequenceGap' };
  if (row.prev_hash !== prevHash) return { intact: false, brokenAt: row.seq, reason: 'previousHashMismatch' };
  let detail: Json;
  try {
    detail = JSON.parse(row.detail) as Json;
  } catch {
    return { intact: false, brokenAt: row.seq, reason: 'unreadableDetail' };
  }
  const expected = auditHash(prevHash, { seq: row.seq, at: row.at, actor: row.actor, action: row.action, detail });
  if (row.hash !== expected) return { intact: false, brokenAt: row.seq, reason: 'contentHashMismatch' };
  return null;
}

/**
 * Walks the whole chain and names the first broken link. It does not trust the
 * triggers: someone with the file can drop them, but cannot edit a row without
 * breaking its own hash or the next row's link (short of rewriting every later
 * row, which the head reported to central then exposes).
 */
export function* verifyAuditChain(tx: Tx, pageSize = 500): TxWork<AuditChainCheck> {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let afterSeq = 0;
  for (;;) {
    const rows = yield* tx.all(auditRow, 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', [afterSeq, pageSize]);
    for (const row of rows) {
      const broken = check(row, expectedSeq, prevHash);
      if (broken) return broken;
      prevHash = row.hash;
      expectedSeq += 1;
      afterSeq = row.seq;
    }
    if (rows.length < pageSize) return { intact: true, entries: expectedSeq - 1, head: prevHash };
  }
}
