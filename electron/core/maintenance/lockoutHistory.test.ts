import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../store/auditLog';
import { openTempStore } from '../store/testing/tempStore';
import { FIRST_LOCK_MS } from './lockout';
import { lockoutsFromAudit } from './lockoutHistory';

const opened: { dispose(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

async function storeWith(attempts: { at: number; technicianId: string; outcome: string }[]) {
  const s = await openTempStore();
  opened.push(s);
  for (const { at, ...detail } of attempts) {
    await s.store.write((tx) => appendAudit(tx, { actor: 'kiosk', action: 'telemetry.maintenance.pin', detail: { type: 'maintenance.pin', ...detail } }, at));
  }
  // Other entries are not attempts.
  await s.store.write((tx) => appendAudit(tx, { actor: 'kiosk', action: 'telemetry.session.ended', detail: { technicianId: '1001', outcome: 'wrong' } }, 1));
  return s.store;
}

describe('lockouts survive a restart (replayed from the audit log)', () => {
  it('five wrong PINs before the restart: still locked after it, until the same end', async () => {
    const store = await storeWith([1, 2, 3, 4].map((at) => ({ at, technicianId: '1001', outcome: 'wrong' })).concat([{ at: 5, technicianId: '1001', outcome: 'lockedOut' }]));
    const book = await lockoutsFromAudit(store);
    expect(book.state('1001', 10).lockedUntil).toBe(5 + FIRST_LOCK_MS);
    // The kiosk counted them too: another card is locked out as well.
    expect(book.state('1002', 10).lockedUntil).toBe(5 + FIRST_LOCK_MS);
  });

  it('a right PIN in between starts the count again; refusals while locked count nothing', async () => {
    const store = await storeWith([
      { at: 1, technicianId: '1001', outcome: 'wrong' },
      { at: 2, technicianId: '1001', outcome: 'wrong' },
      { at: 3, technicianId: '1001', outcome: 'verified' },
      { at: 4, technicianId: '1001', outcome: 'wrong' },
      { at: 5, technicianId: '1001', outcome: 'refusedWhileLocked' },
    ]);
    expect((await lockoutsFromAudit(store)).state('1001', 10)).toEqual({ lockedUntil: null, attemptsLeft: 4 });
  });
});
