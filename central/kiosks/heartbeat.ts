import { type CommandType, type Heartbeat, type KioskCommand } from '../../common/wire/kiosk';
import type { CentralContext } from '../context';
import { newId } from '../credentials/tokens';
import { type Answer, problem, success } from '../http/answers';
import { int, optionalInt, optionalText, text } from '../store/columns';
import type { Tx } from '../store/database';
import { checkAuditHead } from './telemetry';
import { publishTechnicians } from '../technicians/technicians';

/** How old the technicians list a heartbeat answers with may be (GET /v1/kiosks/config always reads it afresh). */
export const TECHNICIANS_MAX_AGE_MS = 1_000;

function toCommand(row: Record<string, unknown>): KioskCommand {
  const body = JSON.parse(text(row, 'body_json')) as Record<string, unknown>;
  return { ...body, id: text(row, 'command_id'), type: text(row, 'type'), issuedAt: new Date(int(row, 'issued_at')).toISOString() } as KioskCommand;
}

/** Records the kiosk's status and answers with what it should do next. */
export async function receiveHeartbeat(context: CentralContext, kioskId: string, heartbeat: Heartbeat): Promise<Answer> {
  const now = context.now();
  const skew = Date.parse(heartbeat.clock) - now;
  context.kioskStatus.record(kioskId, {
    lastSeenAt: now,
    appState: heartbeat.appState,
    queueDepth: heartbeat.queueDepth,
    clockSkewMs: Math.round(skew),
    statusJson: JSON.stringify({ devices: heartbeat.devices, versions: heartbeat.versions, mode: heartbeat.mode ?? null, unavailableReason: heartbeat.unavailableReason ?? null }),
  });
  if (heartbeat.auditHead) await checkAuditHead(context, kioskId, heartbeat.auditHead);
  // rowid breaks ties: two commands queued in the same millisecond go in the order they were queued.
  const rows = await context.db.all('SELECT * FROM commands WHERE kiosk_id = ? AND acked_at IS NULL ORDER BY issued_at, rowid', [kioskId]);
  // The version as the database has it (technicians CLI), whichever instance answers: read at most once a second here.
  await publishTechnicians(context, { maxAgeMs: TECHNICIANS_MAX_AGE_MS });
  return success(200, { commands: rows.map(toCommand), configVersion: context.kioskConfig.configVersion, serverTime: new Date(now).toISOString() });
}

export async function queueCommand(context: CentralContext, kioskId: string, type: CommandType, reason?: string): Promise<KioskCommand | null> {
  const commandId = newId('CMD-', 6, 'HEX');
  const issuedAt = context.now();
  const body = type === 'outOfService' ? { reason: reason ?? 'Maintenance' } : {};
  return context.db.transaction(async (tx) => {
    if (!(await tx.get('SELECT 1 FROM kiosks WHERE kiosk_id = ?', [kioskId]))) return null;
    await tx.run('INSERT INTO commands (command_id, kiosk_id, type, body_json, issued_at) VALUES (?, ?, ?, ?, ?)', [commandId, kioskId, type, JSON.stringify(body), issuedAt]);
    return { ...body, id: commandId, type, issuedAt: new Date(issuedAt).toISOString() } as KioskCommand;
  });
}

/** Acknowledgements repeat safely: the first outcome stands and is answered again. */
export async function acknowledgeCommand(tx: Tx, context: CentralContext, kioskId: string, commandId: string, outcome: 'done' | 'failed', detail?: string): Promise<Answer> {
  const row = await tx.get('SELECT acked_at, outcome FROM commands WHERE command_id = ? AND kiosk_id = ?', [commandId, kioskId]);
  if (!row) return problem('command_not_found', 'No such command for this kiosk.');
  const ackedAt = optionalInt(row, 'acked_at');
  if (ackedAt !== null) return success(200, { id: commandId, outcome: optionalText(row, 'outcome') === 'failed' ? 'failed' : 'done', ackedAt: new Date(ackedAt).toISOString() });
  const now = context.now();
  await tx.run('UPDATE commands SET acked_at = ?, outcome = ?, detail = ? WHERE command_id = ?', [now, outcome, detail ?? null, commandId]);
  return success(200, { id: commandId, outcome, ackedAt: new Date(now).toISOString() });
}
