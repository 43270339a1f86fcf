import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { technicianIdSchema, technicianPinSchema } from '../../common/wire/technicians';
import { encodeTechnicianTrack3 } from '../../common/rules/technicianCardSecret';
import { technicianCardNumber } from '../../common/rules/technicianCard';
import { hashSecret, verifySecret } from '../credentials/passwords';
import { makeCardVerifier, newCardSecret } from './cardVerifier';
import { centralOptionsSchema } from '../options';
import { int, text } from '../store/columns';
import { parseDatabaseLocation } from '../store/database';
import { openDatabase } from '../store/openDatabase';

/**
 * `npm run central -- technicians <add|disable|reset-pin|issue-card|list>
 * --data-dir D [--id N] [--name "…"]`: provisions the technicians who may put
 * a kiosk into maintenance mode, in the data dir of a central (running or
 * not). The PIN is read from stdin (one line; on a terminal it is typed
 * unseen), never from the command line, where process lists and shell
 * history keep it.
 *
 * Every command that has the PIN also issues a card (cardVerifier.ts): a new
 * 128-bit secret, whose verifier scrypt(PIN ‖ secret) kiosks get for the
 * check while central is unreachable, and the card number and track 3 to
 * write on the technician's card (technicianCardSecret.ts). Central keeps
 * the verifier, never the secret, so a new PIN needs a new secret too:
 * `add` (the first card), `reset-pin` (a new PIN and card secret; central's
 * count of wrong PINs starts again), `issue-card` (a lost or new card, the
 * PIN unchanged: the technician's current PIN, checked, is needed to make
 * the verifier). The previous card's secret stops working offline at once;
 * online, central checks the PIN. A running central publishes the change in
 * the kiosk configuration within seconds (server.ts), any other at its next
 * start. Prints one JSON line (with the track to write: hand it to the card
 * encoder, do not keep it); a wrong command line exits 2, a refusal 1.
 */
const USAGE = 'usage: technicians <add|disable|reset-pin|issue-card|list> --data-dir D [--database sqlite:PATH|postgres://…] [--id N] [--name NAME]; the PIN (4–8 digits) on stdin';
const nameSchema = z.string().trim().min(1).max(80);

interface CliIo {
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
  readonly stdout: Writable;
  readonly stderr: Writable;
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/** A PIN anyone would try first: one digit repeated, or a run up or down (1234, 9876). */
function isGuessable(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

/**
 * A new card for the technician: a fresh secret and its verifier with `pin`. `printed`: what the operator writes on
 * the card (the card number on tracks 1 and 2 as ever, and track 3 with the secret); the secret is nowhere else.
 */
async function issueCard(technicianId: string, pin: string): Promise<{ verifier: string; issuedAt: number; printed: { card: { cardNumber: string; track3: string; issuedAt: string } } }> {
  const cardNumber = technicianCardNumber(technicianId);
  if (!cardNumber) throw new Refusal('--id: that number cannot be on a technician card', 2);
  const secret = newCardSecret();
  const verifier = await makeCardVerifier(pin, secret);
  const issuedAt = Date.now();
  const track3 = encodeTechnicianTrack3(cardNumber, secret);
  secret.fill(0);
  return { verifier, issuedAt, printed: { card: { cardNumber, track3, issuedAt: new Date(issuedAt).toISOString() } } };
}

/** One line of stdin; on a terminal, typed without echo. `guessableToo`: an existing PIN being confirmed, not a new one chosen. */
async function readPin(io: CliIo, options: { guessableToo?: boolean } = {}): Promise<string> {
  const { stdin } = io;
  if (stdin.isTTY && stdin.setRawMode) {
    io.stderr.write('PIN (4–8 digits), then Enter: ');
    stdin.setRawMode(true);
  }
  let line = '';
  try {
    for await (const chunk of stdin) {
      line += String(chunk);
      if (line.includes('\n') || line.includes('\r') || line.includes('\u0003')) break;
    }
  } finally {
    if (stdin.isTTY && stdin.setRawMode) {
      stdin.setRawMode(false);
      io.stderr.write('\n');
    }
  }
  if (line.includes('\u0003')) throw new Refusal('cancelled', 1);
  const pin = line.split(/\r?\n|\r/)[0] ?? '';
  if (!technicianPinSchema.safeParse(pin).success) throw new Refusal('the PIN must be 4 to 8 digits, on one line of stdin', 2);
  if (!options.guessableToo && isGuessable(pin)) throw new Refusal('that PIN is one anyone would try first (a repeated digit or a run); choose another', 1);
  return pin;
}

async function run(argv: readonly string[], io: CliIo): Promise<unknown> {
  let parsed: ReturnType<typeof parseArgs<{ options: { 'data-dir': { type: 'string' }; database: { type: 'string' }; id: { type: 'string' }; name: { type: 'string' } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: { 'data-dir': { type: 'string' }, database: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new Refusal(`${(error as Error).message}; ${USAGE}`, 2);
  }
  const [command, ...extra] = parsed.positionals;
  const dataDir = parsed.values['data-dir'];
  if (!command || extra.length > 0 || !dataDir) throw new Refusal(USAGE, 2);
  const id = (): string => {
    const checked = technicianIdSchema.safeParse(parsed.values.id);
    if (!checked.success) throw new Refusal('--id: the technician number (1–9 digits, no leading zero)', 2);
    return checked.data;
  };
  const cost = { N: centralOptionsSchema.shape.scryptCost.parse(undefined), r: 8, p: 1 };
  // The same store central runs on: its data dir's SQLite file unless --database names another (PostgreSQL for a fleet).
  let location;
  try {
    location = parsed.values.database ? parseDatabaseLocation(parsed.values.database) : { engine: 'sqlite' as const, path: join(dataDir, 'central.sqlite') };
  } catch (error) {
    throw new Refusal((error as Error).message, 2);
  }
  const db = await openDatabase(location);
  try {
    switch (command) {
      case 'list': {
        const rows = await db.all('SELECT technician_id, name, active FROM technicians ORDER BY technician_id');
        return { technicians: rows.map((row) => ({ technicianId: text(row, 'technician_id'), name: text(row, 'name'), active: int(row, 'active') === 1 })) };
      }
      case 'add': {
        const technicianId = id();
        const name = nameSchema.safeParse(parsed.values.name);
        if (!name.success) throw new Refusal('--name: the technician’s name (1–80 characters)', 2);
        if (await db.get('SELECT 1 FROM technicians WHERE technician_id = ?', [technicianId])) throw new Refusal(`technician ${technicianId} exists already (reset-pin changes a PIN)`, 1);
        const pin = await readPin(io);
        const pinHash = await hashSecret(pin, cost);
        const card = await issueCard(technicianId, pin);
        await db.transaction((tx) =>
          tx.run('INSERT INTO technicians (technician_id, name, pin_hash, card_verifier, card_issued_at, active) VALUES (?, ?, ?, ?, ?, 1)', [technicianId, name.data, pinHash, card.verifier, card.issuedAt]),
        );
        return { action: 'added', technicianId, name: name.data, active: true, ...card.printed };
      }
      case 'disable': {
        const technicianId = id();
        const { changes } = await db.transaction((tx) => tx.run('UPDATE technicians SET active = 0 WHERE technician_id = ?', [technicianId]));
        if (changes === 0) throw new Refusal(`no technician ${technicianId}`, 1);
        return { action: 'disabled', technicianId, active: false };
      }
      case 'reset-pin': {
        const technicianId = id();
        if (!(await db.get('SELECT 1 FROM technicians WHERE technician_id = ?', [technicianId]))) throw new Refusal(`no technician ${technicianId}`, 1);
        const pin = await readPin(io);
        const pinHash = await hashSecret(pin, cost);
        const card = await issueCard(technicianId, pin);
        await db.transaction(async (tx) => {
          await tx.run('UPDATE technicians SET pin_hash = ?, card_verifier = ?, card_issued_at = ? WHERE technician_id = ?', [pinHash, card.verifier, card.issuedAt, technicianId]);
          // Central's count of wrong PINs starts again from here (technicians/pinLock.ts).
          await tx.run("INSERT INTO technician_pin_checks (kiosk_id, technician_id, outcome, checked_at) VALUES ('operator', ?, 'reset', ?)", [technicianId, Date.now()]);
        });
        return { action: 'pinReset', technicianId, ...card.printed };
      }
      case 'issue-card': {
        const technicianId = id();
        const row = await db.get('SELECT pin_hash FROM technicians WHERE technician_id = ? AND active = 1', [technicianId]);
        if (!row) throw new Refusal(`no active technician ${technicianId}`, 1);
        // The technician's current PIN (typed by them at the issuing desk): the verifier is made with it, so it must be right.
        const pin = await readPin(io, { guessableToo: true });
        if (!(await verifySecret(pin, text(row, 'pin_hash')))) throw new Refusal('that is not this technician’s PIN (reset-pin sets a new PIN and issues a card with it)', 1);
        const card = await issueCard(technicianId, pin);
        const { changes } = await db.transaction((tx) =>
          tx.run('UPDATE technicians SET card_verifier = ?, card_issued_at = ? WHERE technician_id = ? AND pin_hash = ?', [card.verifier, card.issuedAt, technicianId, text(row, 'pin_hash')]),
        );
        if (changes === 0) throw new Refusal(`technician ${technicianId} changed meanwhile; run issue-card again`, 1);
        return { action: 'cardIssued', technicianId, ...card.printed };
      }
      default:
        throw new Refusal(USAGE, 2);
    }
  } finally {
    await db.close();
  }
}

/** Runs one command; answers the exit code (0 done, 1 refused, 2 wrong command line). */
export async function runTechnicianCommand(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    io.stdout.write(`${JSON.stringify(await run(argv, io))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    io.stderr.write(`kiosk-central technicians: ${error.message}\n`);
    return error.exitCode;
  }
}
