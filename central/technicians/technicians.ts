import { generatePopulation } from '../../common/demo/population';
import type { TechnicianPinCheck } from '../../common/wire/technicians';
import type { CentralContext } from '../context';
import { type Answer, problem, success } from '../http/answers';
import { hashSecret, type ScryptCost, verifySecret } from '../credentials/passwords';
import { int, text } from '../store/columns';
import type { Database, Tx } from '../store/database';
import { countWrongPin, pinAttemptsLeft, pinLockedUntil } from '../../common/rules/technicianPin';
import { makeCardVerifier } from './cardVerifier';
import { type PinCheckOutcome, pinLockOf } from './pinLock';

/**
 * Technicians who may put a kiosk into maintenance mode (issue 13). Central
 * keeps a salted scrypt hash of each PIN, which only this module reads, and
 * the offline verifier it pushes to kiosks in their configuration for the
 * check while central cannot be reached: scrypt over the PIN and the secret
 * on the technician's card (cardVerifier.ts), never the secret itself.
 */

/** The demo technicians (common/demo/population.ts), with their public demo PINs: demo profile only, once per data dir. */
export async function seedTechnicians(db: Database, cost: ScryptCost): Promise<number> {
  const { technicians } = generatePopulation();
  const existing = await db.get('SELECT COUNT(*) AS n FROM technicians');
  if (existing && int(existing, 'n') > 0) {
    // A data dir from before card secrets (migration 11): the lab's cards carry theirs, so their verifiers are made now.
    for (const t of technicians) {
      const row = await db.get('SELECT card_verifier FROM technicians WHERE technician_id = ?', [t.techId]);
      if (!row || row['card_verifier'] !== null) continue;
      const verifier = await makeCardVerifier(t.pin, Buffer.from(t.cardSecret, 'hex'));
      await db.transaction((tx) => tx.run('UPDATE technicians SET card_verifier = ?, card_issued_at = ? WHERE technician_id = ? AND card_verifier IS NULL', [verifier, Date.now(), t.techId]));
    }
    return 0;
  }
  const rows = await Promise.all(
    technicians.map(async (t) => [t.techId, t.name, await hashSecret(t.pin, cost), await makeCardVerifier(t.pin, Buffer.from(t.cardSecret, 'hex')), Date.now()] as const),
  );
  await db.transaction(async (tx) => {
    for (const row of rows) await tx.run('INSERT INTO technicians (technician_id, name, pin_hash, card_verifier, card_issued_at) VALUES (?, ?, ?, ?, ?)', [...row]);
  });
  return rows.length;
}

/** The last read of the technicians per central context: when it started, and the read itself (shared by concurrent askers). */
const lastRead = new WeakMap<object, { readonly at: number; readonly read: Promise<void> }>();

/**
 * Puts the active technicians' kiosk-side hashes into the configuration every kiosk fetches (its version moves with
 * them). Read from the database when a kiosk asks (heartbeat, config), so every central instance answers the same
 * version once the technicians CLI has committed; an unchanged list leaves the version alone.
 *
 * `maxAgeMs` lets a read that started that recently answer instead (the heartbeat: 10,000 kiosks every 30 s are 333
 * a second, and a kiosk only learns a new version at its next heartbeat anyway); concurrent askers share one read.
 */
export async function publishTechnicians(context: Pick<CentralContext, 'db' | 'kioskConfig'>, options: { readonly maxAgeMs?: number } = {}): Promise<void> {
  const now = performance.now();
  const last = lastRead.get(context.kioskConfig);
  if (last && options.maxAgeMs !== undefined && now - last.at < options.maxAgeMs) return last.read;
  const read = readAndPublish(context);
  lastRead.set(context.kioskConfig, { at: now, read });
  try {
    await read;
  } catch (error) {
    // A failed read is never the answer for the next asker.
    if (lastRead.get(context.kioskConfig)?.read === read) lastRead.delete(context.kioskConfig);
    throw error;
  }
}

async function readAndPublish(context: Pick<CentralContext, 'db' | 'kioskConfig'>): Promise<void> {
  const rows = await context.db.all('SELECT technician_id, name, card_verifier FROM technicians WHERE active = 1 ORDER BY technician_id');
  const technicians = rows.map((row) => {
    const verifier = row['card_verifier'];
    return {
      technicianId: text(row, 'technician_id'),
      name: text(row, 'name'),
      // Null until a card with a secret is issued (technicians issue-card): that technician needs central to sign in.
      offlineVerifier: typeof verifier === 'string' ? { scheme: 'pinAndCard' as const, hash: verifier } : null,
    };
  });
  const published = context.kioskConfig.peek().technicians;
  if (published && JSON.stringify(published) === JSON.stringify(technicians)) return;
  context.kioskConfig.update((body) => ({ ...body, technicians }));
}

/** A hash no PIN matches, so an unknown technician costs the same scrypt work as a known one: made at start (prepareTechnicians), never on the first unknown number. */
const decoys = new WeakMap<CentralContext, Promise<string>>();

function decoyFor(context: CentralContext, cost: ScryptCost): Promise<string> {
  let decoy = decoys.get(context);
  if (!decoy) {
    decoy = hashSecret('no technician has this PIN', cost);
    decoys.set(context, decoy);
  }
  return decoy;
}

/** At start: the technicians (and their offline verifiers) into the kiosk configuration, and the decoy hash at the cost the stored PIN hashes have. */
export async function prepareTechnicians(context: CentralContext): Promise<void> {
  await publishTechnicians(context);
  const any = await context.db.get('SELECT pin_hash FROM technicians WHERE active = 1 LIMIT 1');
  await decoyFor(context, (any && costOf(text(any, 'pin_hash'))) ?? { N: context.options.scryptCost, r: 8, p: 1 });
}

function costOf(hash: string): ScryptCost | null {
  const [scheme, N, r, p] = hash.split('$').map((part, i) => (i === 0 ? part : Number(part)));
  return scheme === 'scrypt' && typeof N === 'number' && typeof r === 'number' && typeof p === 'number' ? { N, r, p } : null;
}

function lockedAnswer(context: CentralContext, lockedUntil: number, counted: boolean): Answer {
  const left = Math.max(0, Math.ceil((lockedUntil - context.now()) / 1000));
  return problem('technician_locked', 'Too many wrong PINs for this technician: maintenance entry is locked for now.', {
    lockedUntil: new Date(lockedUntil).toISOString(),
    lockedForSeconds: left,
    retryAfterSeconds: Math.max(1, left),
    // 0: this very attempt was checked, wrong, and started the lock; absent: refused unchecked.
    ...(counted ? { attemptsRemaining: 0 } : {}),
  });
}

/**
 * Checks a PIN typed at a kiosk. An unknown technician and a wrong PIN get
 * the same answer and count alike towards central's lock of that number
 * (pinLock.ts, across every kiosk); while it is locked nothing is checked,
 * the right PIN included. Each check is written to technician_pin_checks
 * (the kiosk, the technician, the outcome, when) and logged without the PIN.
 * The scrypt work happens before the transaction; the transaction reads the
 * count again and decides, so checks racing in from several kiosks never get
 * past the fifth wrong PIN.
 */
export function verifyTechnicianPin(context: CentralContext, kioskId: string, check: TechnicianPinCheck): Promise<Answer> {
  return checkTechnicianPin(context, kioskId, check.technicianId, check.pin);
}

/**
 * The check itself, for a PIN typed on a kiosk's pad or deciphered from an
 * ATM EPP's PIN block (pinBlockCheck.ts). `pin` null: a block that
 * deciphered to no PIN (wrong key, wrong card, a damaged or forged block):
 * it costs the same work and counts as a wrong PIN, so probing with garbled
 * blocks locks the number as wrong PINs do.
 */
export async function checkTechnicianPin(context: CentralContext, kioskId: string, technicianId: string, pin: string | null): Promise<Answer> {
  const record = (tx: Tx, outcome: PinCheckOutcome, at: number) =>
    tx.run('INSERT INTO technician_pin_checks (kiosk_id, technician_id, outcome, checked_at) VALUES (?, ?, ?, ?)', [kioskId, technicianId, outcome, at]);
  const refuse = async (lockedUntil: number): Promise<Answer> => {
    await context.db.transaction((tx) => record(tx, 'locked', context.now()));
    context.log.warn({ kioskId, technicianId, outcome: 'locked' }, 'technician PIN refused unchecked: locked');
    return lockedAnswer(context, lockedUntil, false);
  };
  const before = pinLockedUntil(await pinLockOf(context.db, technicianId), context.now());
  if (before !== null) return refuse(before);

  const row = await context.db.get('SELECT name, pin_hash FROM technicians WHERE technician_id = ? AND active = 1', [technicianId]);
  const checkedHash = row ? text(row, 'pin_hash') : null;
  const against = checkedHash ?? (await decoyFor(context, { N: context.options.scryptCost, r: 8, p: 1 }));
  // No PIN digits are ever an empty string: an unreadable block matches nothing, after the same scrypt work.
  const matched = (await verifySecret(pin ?? '', against)) && pin !== null;

  const decided = await context.db.transaction(async (tx) => {
    const counter = await pinLockOf(tx, technicianId);
    const now = context.now();
    const lockedUntil = pinLockedUntil(counter, now);
    if (lockedUntil !== null) {
      await record(tx, 'locked', now);
      return { outcome: 'locked' as const, answer: lockedAnswer(context, lockedUntil, false) };
    }
    // The technician as the transaction sees it: a PIN reset or a disabling meanwhile makes the earlier check stale.
    const current = await tx.get('SELECT name, pin_hash FROM technicians WHERE technician_id = ? AND active = 1', [technicianId]);
    const outcome: PinCheckOutcome = !current ? 'unknown' : matched && text(current, 'pin_hash') === checkedHash ? 'verified' : 'wrong';
    await record(tx, outcome, now);
    if (outcome === 'verified') return { outcome, answer: success(200, { technicianId, name: text(current!, 'name'), verified: true as const }) };
    const after = countWrongPin(counter, now);
    if (after.lockedForMs !== null) return { outcome, answer: lockedAnswer(context, after.counter.lockedUntil, true) };
    return { outcome, answer: problem('technician_pin_wrong', 'Unknown technician or wrong PIN.', { attemptsRemaining: pinAttemptsLeft(after.counter) }) };
  });
  context.log.info({ kioskId, technicianId, outcome: decided.outcome, locked: decided.answer.status === 423 }, 'technician PIN checked');
  return decided.answer;
}
