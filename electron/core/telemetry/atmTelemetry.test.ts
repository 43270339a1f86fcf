import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { sessionEndedSchema } from '../../../common/wire/telemetry';
import { demoBankCustomers } from '../../../drivers/bankHost/customers';
import { startCore } from '../start';
import type { RunningCore } from '../start';

/**
 * At a bank ATM the same session hook reports the session's outcome: the
 * ATM journey's, as `npm start -- --mode=atm` runs it (simulated ATM and bank
 * host, embedded central).
 */

let running: RunningCore | undefined;
let dir = '';
afterAll(async () => {
  await running?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 15_000, interval: 25 });

describe('fleet telemetry at an ATM', () => {
  it('a bank customer who cancels at the menu and takes the card back: one session.ended, mode atm, abandoned at the ATM’s cancelled result', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-atm-telemetry-'));
    running = await startCore({
      overrides: { profile: 'demo', mode: 'atm', atm: { simulated: true }, central: { embedded: true }, log: { level: 'silent' }, store: { dataDir: join(dir, 'data') } },
      env: {},
    });
    const { core, atmStation } = running;
    if (!atmStation) throw new Error('no simulated ATM');
    await waitFor(() => expect(core.snapshot().services.find((s) => s.id === 'atmActivate')?.available).toBe(true));
    const customer = demoBankCustomers().find((c) => c.nationalIdNumber === '1584094989')!;
    await waitFor(() => expect(atmStation.control.state().reader.accepting).toBe(true));
    await expect(core.api.devDockAtmInsertCard({ cardId: `bank-${customer.pan}` })).resolves.toMatchObject({ ok: true });
    await waitFor(() => expect(atmStation.control.state().keyboard.entry).toBe('pin'));
    await core.api.devDockAtmPressKeys({ keys: `${customer.pin} enter` });
    await waitFor(() => expect(core.snapshot().atmJourney?.step).toBe('atm.menu'));
    await core.api.cancelJourney({});
    await waitFor(() => expect(atmStation.control.state().reader.position).toBe('atExit'));
    expect(atmStation.control.takeCard().ok).toBe(true);
    await waitFor(() => expect(core.snapshot().atmJourney?.step).toBe('atm.cancelled.finished'));
    await core.api.endSession({ reason: 'completed' });

    const row = z.object({ detail: z.string() });
    const ended = await waitFor(async () => {
      const rows = await running!.data.store.read((tx) => tx.all(row, "SELECT detail FROM audit_log WHERE action = 'telemetry.session.ended'"));
      expect(rows).toHaveLength(1);
      return rows;
    });
    const fact = sessionEndedSchema.omit({ audit: true }).parse(JSON.parse(ended[0]!.detail));
    expect(fact).toMatchObject({ mode: 'atm', service: 'atm', result: 'abandoned', endReason: 'completed', step: 'atm.cancelled.finished', journeys: 1, visitor: null });
    // Nothing of the card or the account holder: no PAN, no ID.
    expect(ended[0]!.detail).not.toContain(customer.pan.slice(-8));
    expect(ended[0]!.detail).not.toContain(customer.nationalIdNumber);
  }, 60_000);
});
