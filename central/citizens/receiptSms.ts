import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CentralContext } from '../context';
import { maskMobile } from '../../common/rules';
import { receiptReference, type ResultReceiptKind, type receiptSmsSchema } from '../../common/wire/receipts';
import { keyedHash } from '../credentials/keyed';
import { type Answer, problem, success } from '../http/answers';
import { runRequestOnce } from '../http/idempotent';
import type { KioskIdentity } from '../http/kioskIdentity';
import { kioskOf } from '../http/requireKiosk';
import { type Language, receiptText, smsLanguage } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import { int, optionalInt, text } from '../store/columns';
import type { Tx } from '../store/database';
import { findAccount } from './registry';
import type { CitizenSession } from './sessions';

/**
 * The receipt by SMS (issue 15): when a kiosk's printer cannot print, the
 * result's receipt goes by SMS to the account's own mobile. The key is the
 * result itself: the call that completed it at this kiosk is recorded here
 * (with whose account it was) in the same transaction, so the kiosk can name
 * it later by its transaction id, and by nothing else.
 */

/** How long after the result its kiosk may still ask (a kiosk session lasts 10 minutes at most). */
export const RECEIPT_SMS_WINDOW_MS = 15 * 60_000;

/**
 * What proved the person for the completing call: the challenge it confirmed,
 * the fingerprint verification it spent, or the citizen session it was made
 * in (an address change, a catalogue form: no code, the session is the proof;
 * the session matched by its token is bound to this kiosk).
 */
export type ResultProof = { readonly challengeId: string } | { readonly verificationToken: string } | { readonly session: CitizenSession };

/** Whose result it was, by what proved it at this kiosk; null when the proof names no one here. */
async function provenIdNumber(tx: Tx, context: CentralContext, kioskId: string, proof: ResultProof): Promise<string | null> {
  if ('session' in proof) return proof.session.idNumber;
  const row =
    'challengeId' in proof
      ? await tx.get("SELECT id_number FROM challenges WHERE challenge_id = ? AND kiosk_id = ? AND state = 'used'", [proof.challengeId, kioskId])
      : await tx.get('SELECT id_number FROM verification_tokens WHERE token_hash = ? AND kiosk_id = ? AND used_at IS NOT NULL', [keyedHash(context.hashKey, 'verification', proof.verificationToken), kioskId]);
  return row ? text(row, 'id_number') : null;
}

/**
 * A call's effect that completes a result with a receipt: once it succeeds,
 * its transaction id (the Idempotency-Key, `reference`) names that result for
 * the receipt by SMS, with the account its proof named, in the same
 * transaction.
 */
function withReceipt(context: CentralContext, kioskId: string, reference: string, kind: ResultReceiptKind, proof: ResultProof, effect: (tx: Tx) => Promise<Answer>): (tx: Tx) => Promise<Answer> {
  return async (tx) => {
    const answer = await effect(tx);
    if (answer.status >= 200 && answer.status < 300) await noteReceiptResult(tx, context, kioskId, reference, kind, proof);
    return answer;
  };
}

/**
 * A kiosk's POST that completes a result with a receipt, at most once per (kiosk, Idempotency-Key) as every citizen
 * POST is: its key names the result (runRequestOnce refuses a call without one before anything runs).
 */
export function runOnceWithReceipt(context: CentralContext, request: FastifyRequest, kind: ResultReceiptKind, proof: ResultProof, effect: (tx: Tx) => Promise<Answer>): Promise<Answer> {
  return runRequestOnce(context, request, withReceipt(context, kioskOf(request).kioskId, String(request.headers['idempotency-key']), kind, proof, effect));
}

/**
 * Records that this kiosk's call `reference` completed a result with a
 * receipt. Called after the call's own effect succeeded, inside its
 * transaction: the proof it used is spent by then, and names the account.
 */
async function noteReceiptResult(tx: Tx, context: CentralContext, kioskId: string, reference: string, kind: ResultReceiptKind, proof: ResultProof): Promise<void> {
  const idNumber = await provenIdNumber(tx, context, kioskId, proof);
  if (idNumber === null) return;
  // Results past their window can never be asked for again.
  await tx.run('DELETE FROM receipt_results WHERE completed_at < ?', [context.now() - RECEIPT_SMS_WINDOW_MS]);
  await tx.run('INSERT OR IGNORE INTO receipt_results (kiosk_id, reference, kind, id_number, completed_at) VALUES (?, ?, ?, ?, ?)', [kioskId, reference, kind, idNumber, context.now()]);
}

/**
 * The receipt of a result this kiosk completed, by SMS to that account's
 * mobile, in the session's language. Once per result: a repeat answers the
 * same and sends nothing. Any other request (another kiosk's result, a
 * reference that completed nothing, another receipt kind, too late) is one
 * and the same 404.
 */
export async function sendReceiptSms(tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: z.infer<typeof receiptSmsSchema>, sessionLanguage: Language | null): Promise<Answer> {
  const notFound = () => problem('receipt_not_found', 'No result with this receipt was just completed by this transaction at this kiosk.');
  const row = await tx.get('SELECT kind, id_number, completed_at, sms_sent_at FROM receipt_results WHERE kiosk_id = ? AND reference = ?', [kiosk.kioskId, body.reference]);
  const now = context.now();
  if (!row || text(row, 'kind') !== body.kind || now - int(row, 'completed_at') > RECEIPT_SMS_WINDOW_MS) return notFound();
  const idNumber = text(row, 'id_number');
  const account = await findAccount(tx, idNumber);
  if (!account?.mobile) return notFound();
  if (optionalInt(row, 'sms_sent_at') === null) {
    const message = receiptText(body.kind, { reference: receiptReference(body.reference), kioskId: kiosk.kioskId, at: int(row, 'completed_at'), idLast4: idNumber.slice(-4) }, smsLanguage(sessionLanguage, account.language));
    await sendSms(tx, context, account.mobile, 'receipt', message);
    await tx.run('UPDATE receipt_results SET sms_sent_at = ? WHERE kiosk_id = ? AND reference = ?', [now, kiosk.kioskId, body.reference]);
    context.log.info({ kioskId: kiosk.kioskId, kind: body.kind, idLast4: idNumber.slice(-4) }, 'receipt sent by SMS');
  }
  return success(200, { sentTo: maskMobile(account.mobile) });
}
