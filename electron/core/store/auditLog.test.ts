import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from './auditLog';
import { openTempStore } from './testing/tempStore';

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

async function storeWithEntries(n: number) {
  const s = await openTempStore();
  dispose = s.dispose;
  for (let i = 1; i <= n; i++) {
    await s.store.write((tx) => appendAudit(tx, { actor: 'technician:T-0042', action: 'printer.paperLoaded', detail: { roll: i, note: 'ok' } }, 1_700_000_000_000 + i));
  }
  return s.store;
}

describe('the audit log', () => {
  it('chains every entry to the one before', async () => {
    const store = await storeWithEntries(5);
    expect(await store.read((tx) => verifyAuditChain(tx, 2))).toMatchObject({ intact: true, entries: 5 });
  });

  it('refuses UPDATE and DELETE', async () => {
    const store = await storeWithEntries(2);
    await expect(store.write((tx) => tx.run("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1"))).rejects.toThrow(/append-only/);
    await expect(store.write((tx) => tx.run('DELETE FROM audit_log WHERE seq = 2'))).rejects.toThrow(/append-only/);
  });

  it('finds an edited row even after the triggers were dropped', async () => {
    const store = await storeWithEntries(4);
    await store.write(function* (tx) {
      yield* tx.run('DROP TRIGGER audit_log_no_update');
      yield* tx.run(`UPDATE audit_log SET detail = '{"note":"ok","roll":99}' WHERE seq = 3`);
    });
    expect(await store.read((tx) => verifyAuditChain(tx))).toEqual({ intact: false, brokenAt: 3, reason: 'contentHashMismatch' });
  });

  it('finds an edited row whose own hash was recomputed, at the next link', async () => {
    const store = await storeWithEntries(4);
    await store.write(function* (tx) {
      yield* tx.run('DROP TRIGGER audit_log_no_update');
      yield* tx.run(`UPDATE audit_log SET action = 'nothing.happened', hash = '${'f'.repeat(64)}' WHERE seq = 2`);
    });
    expect(await store.read((tx) => verifyAuditChain(tx))).toMatchObject({ intact: false, brokenAt: 2 });
  });

  it('finds a deleted row', async () => {
    const store = await storeWithEntries(4);
    await store.write(function* (tx) {
      yield* tx.run('DROP TRIGGER audit_log_no_delete');
      yield* tx.run('DELETE FROM audit_log WHERE seq = 2');
    });
    expect(await store.read((tx) => verifyAuditChain(tx))).toEqual({ intact: false, brokenAt: 2, reason: 'sequenceGap' });
  });

  it('commits with the change it records, or not at all', async () => {
    const store = await storeWithEntries(1);
    await expect(
      store.write(function* (tx) {
        yield* appendAudit(tx, { actor: 'kiosk', action: 'config.applied', detail: { version: '8' } }, 1);
        throw new Error('applying failed');
      }),
    ).rejects.toThrow();
    expect(await store.read((tx) => verifyAuditChain(tx))).toMatchObject({ intact: true, entries: 1 });
  });
});
