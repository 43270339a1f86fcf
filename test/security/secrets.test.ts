import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintBody, withState } from '../../central/testing/people';
import { productionCentral } from './central';

/** Issue 9, secrets at rest: what a copy of a production database gives away. */
describe('secrets at rest (production central)', () => {
  const target = productionCentral({ registry: true });
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
  const everything = async (): Promise<string> => {
    const tables = await target.central.rows("SELECT name FROM sqlite_master WHERE type = 'table'");
    const dump: string[] = [];
    for (const { name } of tables) dump.push(JSON.stringify(await target.central.rows(`SELECT * FROM "${String(name)}"`)));
    return dump.join('\n');
  };

  it('SMS codes: no clear text anywhere, and the stored hash is not testable without the key (none of the 10,000 codes matches an unkeyed hash)', async () => {
    const who = withState('active');
    const started = await target.kiosk.call('/v1/citizens/sign-in', { body: { login: who.account?.username, password: who.account?.password } });
    expect(started.status).toBe(202);
    const { challengeId } = started.body as { challengeId: string };
    const [row] = await target.central.rows('SELECT code_hash FROM challenges WHERE challenge_id = ?', [challengeId]);
    const stored = String(row?.code_hash);
    for (let code = 0; code < 10_000; code += 1) expect(sha256(`${challengeId}:${String(code).padStart(4, '0')}`) === stored).toBe(false);
    expect(await target.central.rows("SELECT name FROM sqlite_master WHERE name = 'sms_outbox'")).toEqual([]);
    expect((await target.central.rows('PRAGMA table_info(sms_log)')).map((column) => column.name)).toEqual(['id', 'to_mobile', 'purpose', 'sent_at']);
  });

  it('session tokens: only a keyed hash is stored, the idempotency record keeps no token, and a replay issues a fresh one', async () => {
    const who = withState('active', (p) => p.fingers.length > 0);
    const verified = await target.kiosk.call('/v1/citizens/verifications/fingerprint', {
      body: fingerprintBody(target.kiosk, { idNumber: who.idNumber, personId: who.personId, finger: who.fingers[0] ?? 'rightIndex' }),
    });
    expect(verified.status).toBe(200);
    const { verificationToken } = verified.body as { verificationToken: string };
    const key = 'tx-secrets-at-rest-1';
    const first = await target.kiosk.call('/v1/citizens/sign-in/fingerprint', { body: { verificationToken }, idempotencyKey: key });
    expect(first.status).toBe(200);
    const token = (first.body as { sessionToken: string }).sessionToken;
    const dump = await everything();
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(verificationToken);
    expect(dump).not.toContain(sha256(token));
    expect(dump).not.toContain(sha256(verificationToken));
    // The kiosk lost the answer and retries with the same key: a fresh token, and the lost one stops working.
    const replay = await target.kiosk.call('/v1/citizens/sign-in/fingerprint', { body: { verificationToken }, idempotencyKey: key });
    expect(replay.status).toBe(200);
    const again = (replay.body as { sessionToken: string }).sessionToken;
    expect(again).not.toBe(token);
    expect((await target.kiosk.call('/v1/citizens/me', { bearer: again })).status).toBe(200);
    expect((await target.kiosk.call('/v1/citizens/me', { bearer: token })).status).toBe(401);
    expect(await everything()).not.toContain(again);
  });
});
