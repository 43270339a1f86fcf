import type { CentralContext } from '../context';
import { int, optionalInt, optionalText, text } from '../store/columns';

export async function listKiosks(context: CentralContext) {
  await context.kioskStatus.flush();
  const rows = await context.db.all('SELECT * FROM kiosks ORDER BY enrolled_at');
  return rows.map((row) => {
    const lastSeen = optionalInt(row, 'last_seen_at');
    return {
      kioskId: text(row, 'kiosk_id'),
      enrolledAt: new Date(int(row, 'enrolled_at')).toISOString(),
      lastSeenAt: lastSeen === null ? null : new Date(lastSeen).toISOString(),
      appState: optionalText(row, 'app_state'),
      queueDepth: optionalInt(row, 'queue_depth'),
      clockSkewMs: optionalInt(row, 'clock_skew_ms'),
    };
  });
}
