import type { Database } from './database';
import { SMS_OUTBOX_COLUMNS } from './migrations';

/**
 * What only the demo profile keeps: the marker that this data dir holds the
 * demo population (public passwords), and the SMS outbox with clear text
 * (codes included) that GET /dev/sms and the /dev page read. Production never
 * creates either table, and refuses a data dir marked demo.
 */
const DEMO_SCHEMA = `
  CREATE TABLE IF NOT EXISTS sms_outbox (${SMS_OUTBOX_COLUMNS});
  CREATE INDEX IF NOT EXISTS sms_by_mobile ON sms_outbox (to_mobile, id);
`;

export async function markDemoDataDir(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of DEMO_SCHEMA.split(';').map((sql) => sql.trim()).filter(Boolean)) await tx.run(statement);
    const marked = await tx.get('SELECT COUNT(*) AS n FROM demo_profile');
    if (Number(marked?.n ?? 0) === 0) await tx.run('INSERT INTO demo_profile (marked_at) VALUES (?)', [Date.now()]);
  });
}

export async function isDemoDataDir(db: Database): Promise<boolean> {
  const marker = await db.get('SELECT COUNT(*) AS n FROM demo_profile');
  return Number(marker?.n ?? 0) > 0 || (await db.tableNames()).includes('sms_outbox');
}
