import { countWrongPin, FRESH_PIN_COUNTER, type PinLockCounter } from '../../common/rules/technicianPin';
import type { Reader } from '../citizens/registry';
import { int, text } from '../store/columns';

/**
 * Central's lockout of a technician number (RULES.md, technician PIN), across
 * every kiosk: replayed from `technician_pin_checks`, the record of every
 * check, so a restart forgets nothing and no second copy can disagree with
 * it. Only the checks since the number's last right PIN (or PIN reset) matter
 * (either starts the count and the doubling again). `wrong` and `unknown` count
 * alike, so a number nobody holds locks exactly as a real one; `locked`
 * (refused unchecked) counts nothing.
 */
/** `reset`: not a check: an operator set a new PIN (technicians/cli.ts), which starts the count again as a right PIN does. */
export type PinCheckOutcome = 'verified' | 'wrong' | 'unknown' | 'locked' | 'reset';

const COUNTED: ReadonlySet<string> = new Set<PinCheckOutcome>(['wrong', 'unknown']);

export async function pinLockOf(db: Reader, technicianId: string): Promise<PinLockCounter> {
  const rows = await db.all(
    `SELECT outcome, checked_at FROM technician_pin_checks
     WHERE technician_id = ?1
       AND rowid > COALESCE((SELECT MAX(rowid) FROM technician_pin_checks WHERE technician_id = ?1 AND outcome IN ('verified', 'reset')), 0)
     ORDER BY rowid`,
    [technicianId],
  );
  let counter = FRESH_PIN_COUNTER;
  for (const row of rows) {
    const at = int(row, 'checked_at');
    // A check while locked was refused unchecked (recorded `locked`); a counted one inside a lock cannot happen, and would not count.
    if (COUNTED.has(text(row, 'outcome')) && at >= counter.lockedUntil) counter = countWrongPin(counter, at).counter;
  }
  return counter;
}
