import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../central/credentials/passwords';
import { luhnCheckDigit } from '../../common/luhn';
import { POPULATION, withState } from '../../central/testing/people';
import { productionCentral } from './central';
import type { RawAnswer, RawClient } from './rawClient';

/**
 * Issue 9, account enumeration: sign-in, the recovery lookups and username
 * recovery answer byte for byte the same, and in the same time, whether or
 * not the ID or username has an account.
 */

const known = new Set(POPULATION.people.map((p) => p.idNumber));
let serial = 0;
/** A well-formed ID number (right first digit, right check digit) that no one in the registry has. */
function unknownId(): string {
  for (;;) {
    serial += 1;
    const payload = `1${String(900_000_00 + serial * 7919).padStart(8, '0').slice(-8)}`;
    const id = `${payload}${luhnCheckDigit(payload) ?? ''}`;
    if (!known.has(id)) return id;
  }
}

const post = (client: RawClient, path: string, body: unknown): Promise<RawAnswer> =>
  client.send('POST', path, { body: JSON.stringify(body), headers: { 'idempotency-key': `tx-${randomUUID()}` } });

/** The answer as bytes, with the one field that is a clock reading (the lock's end) blanked. */
const bytes = (answer: RawAnswer): string => `${answer.status} ${String(answer.headers['content-type'])}\n${answer.text.replace(/"lockedUntil":"[^"]+"/, '"lockedUntil":"…"')}`;

describe('enumeration: identical answers for real and unknown IDs (production central, lab registry loaded)', () => {
  const target = productionCentral({ registry: true });
  const active = withState('active', (p) => p.account?.username !== undefined);
  const other = withState('active', (p) => p.idNumber !== active.idNumber);

  it('sign-in by username: a real username with a wrong password and an unknown username answer alike, attempt by attempt, through the lock', async () => {
    const seen: string[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const real = await post(target.enrolled, '/v1/citizens/sign-in', { login: active.account?.username, password: 'Wrong-password-1' });
      const nobody = await post(target.enrolled, '/v1/citizens/sign-in', { login: 'NoSuchUser4821', password: 'Wrong-password-1' });
      expect(bytes(nobody), `attempt ${attempt}`).toBe(bytes(real));
      seen.push(`${real.status}:${String((real.body as { attemptsRemaining?: number }).attemptsRemaining ?? (real.body as { code: string }).code)}`);
    }
    // The kiosk still shows attempts left, for both, then the lock.
    expect(seen).toEqual(['401:4', '401:3', '401:2', '401:1', '423:account_locked', '423:account_locked']);
  });

  it('sign-in by ID number: a real ID with a wrong password and an unknown, well-formed ID answer alike', async () => {
    const id = unknownId();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const real = await post(target.enrolled, '/v1/citizens/sign-in', { login: other.idNumber, password: 'Wrong-password-1' });
      const nobody = await post(target.enrolled, '/v1/citizens/sign-in', { login: id, password: 'Wrong-password-1' });
      expect(bytes(nobody), `attempt ${attempt}`).toBe(bytes(real));
    }
  });

  it.each([
    ['security-question lookup', '/v1/citizens/password-resets/security-question/lookup'],
    ['username recovery by SMS', '/v1/citizens/username-recoveries/sms'],
  ])('%s: a real ID with a wrong mobile and an unknown ID answer alike', async (_name, path) => {
    const person = withState('active', (p) => p.idNumber !== active.idNumber && p.idNumber !== other.idNumber);
    const id = unknownId();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const real = await post(target.enrolled, path, { idNumber: person.idNumber, mobile: '0501234567' });
      const nobody = await post(target.enrolled, path, { idNumber: id, mobile: '0501234567' });
      expect(real.status).toBe(422);
      expect(bytes(nobody), `attempt ${attempt}`).toBe(bytes(real));
    }
  });

  it('security-question reset: a real ID (wrong mobile) and an unknown ID answer alike', async () => {
    const person = withState('registered');
    const body = (idNumber: string) => ({ idNumber, mobile: '0501234567', answer: 'blue', newPassword: 'N3w-Passw0rd!x', newPasswordConfirmation: 'N3w-Passw0rd!x' });
    const real = await post(target.enrolled, '/v1/citizens/password-resets/security-question', body(person.idNumber));
    const nobody = await post(target.enrolled, '/v1/citizens/password-resets/security-question', body(unknownId()));
    expect(bytes(nobody)).toBe(bytes(real));
  });
});

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe('enumeration: indistinguishable timing (distributions, not single calls)', () => {
  // Full-cost scrypt makes the difference a missing password check would leave large (tens of ms against ~2 ms).
  const target = productionCentral({
    registry: true,
    start: {
      scryptCost: 16_384,
      rules: { signInMaxFailures: 1000 },
      rateLimits: { perKiosk: { max: 10_000, windowSeconds: 60 }, perTarget: { max: 10_000, windowSeconds: 60 }, enrolment: { max: 10, windowSeconds: 60 } },
    },
  });
  const person = withState('active', (p) => p.account?.username !== undefined);

  it('sign-in: the median time for a real username and for an unknown one are within a factor of 2.5 (interleaved, 15 each after warm-up)', async () => {
    // The real account's hash at the server's own cost, as a production account would have.
    const hash = await hashSecret(person.account?.password ?? 'x', { N: 16_384, r: 8, p: 1 });
    await target.central.db.transaction((tx) => tx.run('UPDATE accounts SET password_hash = ? WHERE id_number = ?', [hash, person.idNumber]));
    const timed = async (login: string): Promise<number> => {
      const started = process.hrtime.bigint();
      const answer = await post(target.enrolled, '/v1/citizens/sign-in', { login, password: 'Wrong-password-1' });
      expect(answer.status).toBe(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const real: number[] = [];
    const nobody: number[] = [];
    for (let i = 0; i < 18; i += 1) {
      const r = await timed(person.account?.username ?? '');
      const n = await timed(`NoSuchUser${i}x`);
      if (i >= 3) {
        real.push(r);
        nobody.push(n);
      }
    }
    const ratio = Math.max(median(real), median(nobody)) / Math.max(0.001, Math.min(median(real), median(nobody)));
    expect(ratio, `medians: real ${median(real).toFixed(1)} ms, unknown ${median(nobody).toFixed(1)} ms`).toBeLessThan(2.5);
  });
});
