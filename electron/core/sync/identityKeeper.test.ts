import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import { readIdentity } from '../store/identity';
import { openTempStore } from '../store/testing/tempStore';
import { IdentityKeeper } from './identityKeeper';
import type { RenewingClient } from './identityKeeper';
import { newKeyAndRequest } from './kioskKey';
import { createTestCa } from './testing/testPki';
import type { TlsMaterial } from './tlsAgent';

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

describe('certificate renewal', () => {
  it('renews at half life with a new key, stores it wrapped, and switches the connection', async () => {
    const s = await openTempStore();
    dispose = s.dispose;
    const ca = await createTestCa();
    const start = Date.now();
    let now = start;
    const csrs: string[] = [];
    const switched: TlsMaterial[] = [];
    const client: RenewingClient = {
      async renew(csrPem) {
        csrs.push(csrPem);
        const issued = await ca.issueFromCsr(csrPem, 'KIOSK-0000BEEF', 7 * 86_400_000, now);
        return ok({ kioskId: 'KIOSK-0000BEEF', certificatePem: issued.certificatePem, caCertPem: ca.caPem, notAfter: issued.cert.notAfter.toISOString() });
      },
      useTls: (tls) => void switched.push(tls),
    };
    const first = await newKeyAndRequest('K');
    const keeper = new IdentityKeeper(
      { kioskId: 'KIOSK-0000BEEF', privateKeyPem: first.privateKeyPem, certificatePem: 'old', caPem: ca.caPem, notBefore: start, notAfter: start + 7 * 86_400_000, enrolledAt: start },
      { store: s.store, masterKey: s.masterKey, client, now: () => now },
    );
    expect(await keeper.renewIfDue()).toEqual({ ok: true, value: 'notDue' });
    now = start + 3.5 * 86_400_000;
    expect(keeper.state()).toBe('renewalDue');
    expect(await keeper.renewIfDue()).toEqual({ ok: true, value: 'renewed' });
    expect(csrs).toHaveLength(1);
    const stored = await s.store.read((tx) => readIdentity(tx, s.masterKey));
    expect(stored?.privateKeyPem).not.toBe(first.privateKeyPem);
    expect(stored?.certificatePem).toContain('BEGIN CERTIFICATE');
    expect(switched).toHaveLength(1);
    expect(switched[0]?.clientKeyPem).toBe(stored?.privateKeyPem);
    expect(keeper.state()).toBe('valid');
  });

  it('cannot renew an expired certificate: a new enrolment code is needed', async () => {
    const s = await openTempStore();
    dispose = s.dispose;
    const keeper = new IdentityKeeper(
      { kioskId: 'KIOSK-0000BEEF', privateKeyPem: 'k', certificatePem: 'c', caPem: null, notBefore: 0, notAfter: 1_000, enrolledAt: 0 },
      { store: s.store, masterKey: s.masterKey, client: { renew: () => Promise.reject(new Error('must not be called')), useTls: () => undefined }, now: () => 2_000 },
    );
    expect(await keeper.renewIfDue()).toEqual({ ok: false, error: { type: 'expired' } });
  });
});
