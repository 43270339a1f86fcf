import { generatePopulation } from '../../common/demo/population';
import type { TechnicianPinCheck } from '../../common/wire/technicians';
import type { CentralContext } from '../context';
import { type Answer, problem, success } from '../http/answers';
import { hashSecret, type ScryptCost, verifySecret } from '../credentials/passwords';
import { int, text } from '../store/columns';
import type { Database } from '../store/database';

/**
 * Technicians who may put a kiosk into maintenance mode (issue 13). Central
 * keeps two salted scrypt hashes of each PIN: its own, which only this
 * module reads, and the one it pushes to kiosks in their configuration for
 * the check while central cannot be reached.
 */

/** The demo technicians (common/demo/population.ts), with their public demo PINs: demo profile only, once per data dir. */
export async function seedTechnicians(db: Database, cost: ScryptCost): Promise<number> {
  const existing = await db.get('SELECT COUNT(*) AS n FROM technicians');
  if (existing && int(existing, 'n') > 0) return 0;
  const { technicians } = generatePopulation();
  const rows = await Promise.all(technicians.map(async (t) => [t.techId, t.name, await hashSecret(t.pin, cost), await hashSecret(t.pin, cost)] as const));
  await db.transaction(async (tx) => {
    for (const row of rows) await tx.run('INSERT INTO technicians (technician_id, name, pin_hash, offline_pin_hash) VALUES (?, ?, ?, ?)', [...row]);
  });
  return rows.length;
}

/** Puts the active technicians' kiosk-side hashes into the configuration every kiosk fetches (its version moves with them). */
export async function publishTechnicians(context: Pick<CentralContext, 'db' | 'kioskConfig'>): Promise<void> {
  const rows = await context.db.all('SELECT technician_id, name, offline_pin_hash FROM technicians WHERE active = 1 ORDER BY technician_id');
  const technicians = rows.map((row) => ({ technicianId: text(row, 'technician_id'), name: text(row, 'name'), pinHash: text(row, 'offline_pin_hash') }));
  context.kioskConfig.update((body) => ({ ...body, technicians }));
}

/** A hash no PIN matches, so an unknown technician costs the same scrypt work as a known one. */
let decoy: Promise<string> | undefined;

/**
 * Checks a PIN typed at a kiosk. An unknown technician and a wrong PIN get
 * the same answer; each check is written to technician_pin_checks (the
 * kiosk, the technician, the outcome, when) and logged without the PIN.
 */
export async function verifyTechnicianPin(context: CentralContext, kioskId: string, check: TechnicianPinCheck): Promise<Answer> {
  const row = await context.db.get('SELECT name, pin_hash FROM technicians WHERE technician_id = ? AND active = 1', [check.technicianId]);
  decoy ??= hashSecret('no technician has this PIN', { N: context.options.scryptCost, r: 8, p: 1 });
  const matched = await verifySecret(check.pin, row ? text(row, 'pin_hash') : await decoy);
  const outcome = !row ? 'unknown' : matched ? 'verified' : 'wrong';
  await context.db.transaction((tx) =>
    tx.run('INSERT INTO technician_pin_checks (kiosk_id, technician_id, outcome, checked_at) VALUES (?, ?, ?, ?)', [kioskId, check.technicianId, outcome, context.now()]),
  );
  context.log.info({ kioskId, technicianId: check.technicianId, outcome }, 'technician PIN checked');
  if (!row || !matched) return problem('technician_pin_wrong', 'Unknown technician or wrong PIN.');
  return success(200, { technicianId: check.technicianId, name: text(row, 'name'), verified: true as const });
}
