import type { AuditHead, FleetView, LogUploadPart } from '../../common/wire/telemetry';
import { readinessReportSchema, TELEMETRY_TYPES, telemetryPayloadSchema } from '../../common/wire/telemetry';
import type { CentralContext } from '../context';
import { int, optionalInt, optionalText, text } from '../store/columns';
import type { Tx } from '../store/database';

const KNOWN_TYPES: ReadonlySet<string> = new Set(TELEMETRY_TYPES);

/**
 * A telemetry payload that names one of the kinds of fact the kiosk reports
 * (`type`) must be that fact's schema; its audit link is kept, so a later
 * heartbeat's audit head can be checked against it. Payloads without a known
 * `type` (older kiosks, synthetic load) are stored as they are.
 */
export async function ingestTelemetry(tx: Tx, kioskId: string, payload: Record<string, unknown>, receivedAt: number): Promise<{ ok: true } | { ok: false; detail: string }> {
  if (typeof payload.type !== 'string' || !KNOWN_TYPES.has(payload.type)) return { ok: true };
  const parsed = telemetryPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, detail: `Not a valid ${payload.type} payload: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}.`.slice(0, 300) };
  }
  const { seq, hash } = parsed.data.audit;
  await tx.run('INSERT OR IGNORE INTO audit_links (kiosk_id, seq, hash, received_at) VALUES (?, ?, ?, ?)', [kioskId, seq, hash, receivedAt]);
  return { ok: true };
}

/**
 * The heartbeat's audit head against what central knows: the head a kiosk
 * reported before, and the audit links that came with its events. The log is
 * append-only, so a head behind either was cut off (`truncated`), and a head
 * at a known sequence number with another hash was rewritten. A link counts
 * against the head only if it arrived before central last recorded a head:
 * a heartbeat built just before an event was delivered may lag it honestly.
 * The problem, once found, stays on the kiosk's record.
 */
export async function checkAuditHead(context: CentralContext, kioskId: string, head: AuditHead): Promise<'truncated' | 'rewritten' | null> {
  const now = context.now();
  const kiosk = await context.db.get('SELECT audit_seq, audit_hash, audit_problem, audit_reported_at FROM kiosks WHERE kiosk_id = ?', [kioskId]);
  if (!kiosk) return null;
  const lastSeq = optionalInt(kiosk, 'audit_seq');
  const lastHash = optionalText(kiosk, 'audit_hash');
  const reportedAt = optionalInt(kiosk, 'audit_reported_at');
  const ahead = reportedAt === null ? undefined : await context.db.get('SELECT MAX(seq) AS seq FROM audit_links WHERE kiosk_id = ? AND received_at < ?', [kioskId, reportedAt]);
  const knownSeq = ahead ? optionalInt(ahead, 'seq') : null;
  const atHead = head.seq > 0 ? await context.db.get('SELECT hash FROM audit_links WHERE kiosk_id = ? AND seq = ?', [kioskId, head.seq]) : undefined;

  let problem: 'truncated' | 'rewritten' | null = null;
  if ((lastSeq !== null && head.seq < lastSeq) || (knownSeq !== null && head.seq < knownSeq)) problem = 'truncated';
  else if ((atHead && text(atHead, 'hash') !== head.hash) || (lastSeq === head.seq && lastHash !== head.hash)) problem = 'rewritten';

  if (problem === null && lastSeq === head.seq && lastHash === head.hash) {
    // Unchanged: nothing to write, unless links beyond it arrived since it was recorded. Then this heartbeat's arrival
    // becomes the mark: the next heartbeat is built after this one is answered, so it must reach them.
    const unjudged = await context.db.get('SELECT 1 AS ahead FROM audit_links WHERE kiosk_id = ? AND seq > ? AND received_at >= ? LIMIT 1', [kioskId, head.seq, reportedAt ?? 0]);
    if (!unjudged) return null;
  }
  await context.db.transaction((tx) =>
    tx.run(
      `UPDATE kiosks SET audit_seq = ?, audit_hash = ?, audit_reported_at = ?,
         audit_problem = COALESCE(audit_problem, ?), audit_problem_at = COALESCE(audit_problem_at, ?) WHERE kiosk_id = ?`,
      [head.seq, head.hash, now, problem, problem && now, kioskId],
    ),
  );
  if (problem) context.log.warn({ kioskId, problem, reportedSeq: head.seq, previousSeq: lastSeq, ingestedSeq: knownSeq }, 'kiosk audit log does not match what central has seen');
  return problem;
}

/** Uploads kept per kiosk: the newest ones; older ones go when a new one arrives. */
export const KIOSK_LOG_UPLOADS_KEPT = 5;

/**
 * Stores one part of a log upload; the same part sent again replaces itself
 * (a retry after a lost answer). In the same transaction the kiosk's uploads
 * beyond the newest KIOSK_LOG_UPLOADS_KEPT are deleted, so the table stays bounded.
 */
export async function storeLogPart(context: CentralContext, kioskId: string, part: LogUploadPart): Promise<void> {
  await context.db.transaction(async (tx) => {
    await tx.run('INSERT OR REPLACE INTO kiosk_logs (kiosk_id, upload_id, part, last, text, received_at) VALUES (?, ?, ?, ?, ?, ?)', [
      kioskId,
      part.uploadId,
      part.part,
      part.last ? 1 : 0,
      part.text,
      context.now(),
    ]);
    await tx.run(
      `DELETE FROM kiosk_logs WHERE kiosk_id = ? AND upload_id NOT IN (
         SELECT upload_id FROM kiosk_logs WHERE kiosk_id = ? GROUP BY upload_id ORDER BY MAX(received_at) DESC, MAX(rowid) DESC LIMIT ?)`,
      [kioskId, kioskId, KIOSK_LOG_UPLOADS_KEPT],
    );
  });
}

/** The newest upload of a kiosk, its parts joined in order. */
export async function latestLog(context: CentralContext, kioskId: string): Promise<{ kioskId: string; uploadId: string; complete: boolean; receivedAt: string; text: string } | null> {
  const newest = await context.db.get('SELECT upload_id FROM kiosk_logs WHERE kiosk_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1', [kioskId]);
  if (!newest) return null;
  const uploadId = text(newest, 'upload_id');
  const parts = await context.db.all('SELECT part, last, text, received_at FROM kiosk_logs WHERE kiosk_id = ? AND upload_id = ? ORDER BY part', [kioskId, uploadId]);
  const lastPart = parts.find((p) => int(p, 'last') === 1);
  const complete = lastPart !== undefined && parts.length === int(lastPart, 'part') + 1;
  const receivedAt = Math.max(...parts.map((p) => int(p, 'received_at')));
  return { kioskId, uploadId, complete, receivedAt: new Date(receivedAt).toISOString(), text: parts.map((p) => text(p, 'text')).join('') };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

interface StatusJson {
  devices?: { device: string; status: string }[];
  mode?: string | null;
  unavailableReason?: string | null;
}

function parseStatus(json: string | null): StatusJson {
  if (!json) return {};
  try {
    return JSON.parse(json) as StatusJson;
  } catch {
    return {};
  }
}

/**
 * Per kiosk: what its last heartbeat said, its retain bin, today's sessions
 * by service and result, the faults not yet recovered, the audit-log check
 * and the last log upload — all from what central has ingested.
 */
export async function fleetView(context: CentralContext): Promise<FleetView> {
  await context.kioskStatus.flush();
  const now = context.now();
  const day = new Date(now).toISOString().slice(0, 10);
  const kiosks = await context.db.all('SELECT * FROM kiosks ORDER BY enrolled_at, kiosk_id');
  const telemetry = (kioskId: string, type: string, extra = '', params: unknown[] = []) =>
    context.db.all(
      `SELECT occurred_at, payload_json FROM outbox_events WHERE kiosk_id = ? AND kind = 'telemetry' AND json_extract(payload_json, '$.type') = ? ${extra} ORDER BY occurred_at, rowid`,
      [kioskId, type, ...(params as (string | number)[])],
    );
  const out: FleetView['kiosks'] = [];
  for (const row of kiosks) {
    const kioskId = text(row, 'kiosk_id');
    const status = parseStatus(optionalText(row, 'status_json'));

    const retained = await context.db.get(
      `SELECT occurred_at, json_extract(payload_json, '$.binCount') AS bin FROM outbox_events
       WHERE kiosk_id = ? AND kind = 'telemetry' AND json_extract(payload_json, '$.type') = 'card.retained' ORDER BY occurred_at DESC, rowid DESC LIMIT 1`,
      [kioskId],
    );

    const sessions = await context.db.all(
      `SELECT json_extract(payload_json, '$.service') AS service, json_extract(payload_json, '$.result') AS result, COUNT(*) AS n FROM outbox_events
       WHERE kiosk_id = ? AND kind = 'telemetry' AND json_extract(payload_json, '$.type') = 'session.ended' AND substr(occurred_at, 1, 10) = ?
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [kioskId, day],
    );

    // A device's fault is open until a recovery of that device follows it.
    const open = new Map<string, { status: string; since: string }>();
    // In the kiosk's order: its time, then its audit sequence (two changes can share a millisecond).
    const changes = [...(await telemetry(kioskId, 'device.fault')).map((r) => ({ r, fault: true })), ...(await telemetry(kioskId, 'device.recovered')).map((r) => ({ r, fault: false }))]
      .map((c) => ({ ...c, at: Date.parse(text(c.r, 'occurred_at')), payload: JSON.parse(text(c.r, 'payload_json')) as { device: string; status?: string; audit: { seq: number } } }))
      .sort((a, b) => a.at - b.at || a.payload.audit.seq - b.payload.audit.seq);
    for (const { r, fault, payload } of changes) {
      if (fault) {
        if (!open.has(payload.device)) open.set(payload.device, { status: payload.status ?? 'offline', since: new Date(Date.parse(text(r, 'occurred_at'))).toISOString() });
      } else open.delete(payload.device);
    }

    const ingested = await context.db.get('SELECT MAX(seq) AS seq FROM audit_links WHERE kiosk_id = ?', [kioskId]);
    const auditSeq = optionalInt(row, 'audit_seq');
    const auditHash = optionalText(row, 'audit_hash');
    const problem = optionalText(row, 'audit_problem');

    const upload = await context.db.get(
      'SELECT upload_id, MAX(received_at) AS at, SUM(length(CAST(text AS BLOB))) AS bytes FROM kiosk_logs WHERE kiosk_id = ? GROUP BY upload_id ORDER BY at DESC LIMIT 1',
      [kioskId],
    );

    // The newest readiness report: its colour and the automatic checks that were not green.
    const readinessRow = await context.db.get(
      "SELECT occurred_at, payload_json FROM outbox_events WHERE kiosk_id = ? AND kind = 'telemetry' AND json_extract(payload_json, '$.type') = 'readiness.report' ORDER BY occurred_at DESC, rowid DESC LIMIT 1",
      [kioskId],
    );
    // Checked again on the way out: one stored payload that does not parse leaves this kiosk without a readiness, not the fleet view down.
    const parsedReport = readinessRow ? readinessReportSchema.safeParse(parseJson(text(readinessRow, 'payload_json'))) : null;
    const readinessReport = parsedReport?.success ? parsedReport.data : null;

    out.push({
      kioskId,
      appState: optionalText(row, 'app_state'),
      unavailableReason: status.unavailableReason ?? null,
      mode: status.mode ?? null,
      devices: (status.devices ?? []).map((d) => ({ device: d.device, status: d.status })),
      lastHeartbeatAt: iso(optionalInt(row, 'last_seen_at')),
      queueDepth: optionalInt(row, 'queue_depth'),
      retainBin: {
        count: retained ? (optionalInt(retained, 'bin') ?? 0) : 0,
        lastRetainedAt: retained ? new Date(Date.parse(text(retained, 'occurred_at'))).toISOString() : null,
      },
      sessionsToday: sessions.map((s) => ({
        service: optionalText(s, 'service'),
        result: text(s, 'result') as FleetView['kiosks'][number]['sessionsToday'][number]['result'],
        count: int(s, 'n'),
      })),
      openFaults: [...open].map(([device, f]) => ({ device, status: f.status, since: f.since })),
      audit: {
        head: auditSeq === null || auditHash === null ? null : { seq: auditSeq, hash: auditHash },
        ingestedSeq: ingested ? (optionalInt(ingested, 'seq') ?? 0) : 0,
        problem: problem === 'truncated' || problem === 'rewritten' ? problem : null,
        problemAt: iso(optionalInt(row, 'audit_problem_at')),
      },
      lastLogUpload: upload ? { uploadId: text(upload, 'upload_id'), at: new Date(int(upload, 'at')).toISOString(), bytes: int(upload, 'bytes') } : null,
      readiness:
        readinessRow && readinessReport
          ? {
              reportId: readinessReport.reportId,
              at: new Date(Date.parse(text(readinessRow, 'occurred_at'))).toISOString(),
              overall: readinessReport.overall,
              failed: readinessReport.checks.filter((c) => c.automatic && c.result === 'fail').map((c) => c.name),
              warned: readinessReport.checks.filter((c) => c.automatic && c.result === 'warn').map((c) => c.name),
            }
          : null,
    });
  }
  return { generatedAt: new Date(now).toISOString(), day, kiosks: out };
}

/** A stored payload as JSON, or undefined when it is not (the schema then refuses it). */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
