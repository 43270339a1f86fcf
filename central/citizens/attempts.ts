import type { CentralContext } from '../context';
import { keyedHash } from '../credentials/keyed';
import { hashSecret, verifySecret } from '../credentials/passwords';
import { type Answer, problem } from '../http/answers';
import { int, optionalInt } from '../store/columns';
import type { Tx } from '../store/database';
import type { Reader } from './registry';

/**
 * Failed attempts counted per *what was typed* (a username, an ID number, an
 * ID + mobile pair) whether or not an account stands behind it, so that the
 * answers — attemptsRemaining, the lock and its time — are the same for an
 * unknown ID as for a real one (RULES.md: "every answer is identical whether
 * or not the ID or username has an account"). Stored as keyed hashes: the
 * table does not keep what strangers typed.
 */
interface AttemptState {
  readonly key: string;
  readonly failures: number;
  readonly lockedUntil: number | null;
}

export function attemptKey(context: CentralContext, kind: 'login' | 'idMobile', value: string): string {
  return keyedHash(context.hashKey, `attempts:${kind}`, value);
}

export async function attemptsOf(db: Reader, context: CentralContext, key: string): Promise<AttemptState> {
  const row = await db.get('SELECT failures, locked_until FROM login_attempts WHERE login_hash = ?', [key]);
  const lockedUntil = row ? optionalInt(row, 'locked_until') : null;
  const running = lockedUntil !== null && lockedUntil > context.now();
  // A lock that has run out starts the count afresh.
  return { key, failures: row && !(lockedUntil !== null && !running) ? int(row, 'failures') : 0, lockedUntil: running ? lockedUntil : null };
}

export function lockedFor(context: CentralContext, lockedUntil: number): Answer {
  const now = context.now();
  const left = Math.max(0, Math.ceil((lockedUntil - now) / 1000));
  return problem('account_locked', 'Too many failed attempts: the account is locked for now. Password recovery by fingerprint unlocks it.', {
    lockedUntil: new Date(lockedUntil).toISOString(),
    // How long is left, on central's clock: clients count down from this, not from lockedUntil against their own clock.
    lockedForSeconds: left,
    retryAfterSeconds: Math.max(1, left),
  });
}

/**
 * One more failure for what was typed: attemptsRemaining on the answer, or
 * the lock when the limit is reached. `onLock` locks the real account too,
 * when there is one (so every other way in is locked with it).
 */
export async function countAttempt(tx: Tx, context: CentralContext, state: AttemptState, wrong: Answer, onLock?: (lockedUntil: number) => Promise<void>): Promise<Answer> {
  const { signInMaxFailures, signInLockMinutes } = context.options.rules;
  const failures = state.failures + 1;
  const now = context.now();
  if (failures >= signInMaxFailures) {
    const lockedUntil = now + signInLockMinutes * 60_000;
    await tx.run(
      `INSERT INTO login_attempts (login_hash, failures, locked_until, updated_at) VALUES (?, 0, ?, ?)
       ON CONFLICT (login_hash) DO UPDATE SET failures = 0, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      [state.key, lockedUntil, now],
    );
    if (onLock) await onLock(lockedUntil);
    return lockedFor(context, lockedUntil);
  }
  await tx.run(
    `INSERT INTO login_attempts (login_hash, failures, locked_until, updated_at) VALUES (?, ?, NULL, ?)
     ON CONFLICT (login_hash) DO UPDATE SET failures = excluded.failures, locked_until = NULL, updated_at = excluded.updated_at`,
    [state.key, failures, now],
  );
  const body = wrong.body as Record<string, unknown>;
  return { ...wrong, body: { ...body, attemptsRemaining: signInMaxFailures - failures } };
}

export async function clearAttempts(tx: Tx, key: string): Promise<void> {
  await tx.run('DELETE FROM login_attempts WHERE login_hash = ?', [key]);
}

const dummyHashes = new WeakMap<CentralContext, Promise<string>>();

/** Spends the time of a real password check when there is no account to check against, so timing does not tell. */
export async function verifyAgainstNobody(context: CentralContext, secret: string): Promise<false> {
  let dummy = dummyHashes.get(context);
  if (!dummy) {
    dummy = hashSecret('no account has this password', { N: context.options.scryptCost, r: 8, p: 1 });
    dummyHashes.set(context, dummy);
  }
  await verifySecret(secret, await dummy);
  return false;
}

/** A lock lifted on the account (password reset, bank activation) lifts it for every way the account is typed. */
export async function clearAccountAttempts(tx: Tx, context: CentralContext, account: { readonly idNumber: string; readonly username: string; readonly mobile: string | null }): Promise<void> {
  const keys = [attemptKey(context, 'login', `id:${account.idNumber}`), attemptKey(context, 'login', `user:${account.username}`)];
  if (account.mobile) keys.push(attemptKey(context, 'idMobile', `${account.idNumber}:${account.mobile}`));
  for (const key of keys) await clearAttempts(tx, key);
}
