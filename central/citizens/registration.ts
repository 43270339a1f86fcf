import { z } from 'zod';
import type { CentralContext } from '../context';
import type { registrationSchema } from '../../common/wire/citizen';
import { hashSecret, normaliseAnswer } from '../credentials/passwords';
import { type Answer, problem, success } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { maskMobile } from '../../common/rules';
import { type Language, NOTICES, smsLanguage } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import type { Tx } from '../store/database';
import { confirmChallenge, openChallenge } from './challenges';
import { findAccount, findAccountByMobile, findAccountByUsername, findPerson, idExpired } from './registry';
import { emailOrProblem, idNumberOrProblem, isAnswer, mobileOrProblem, newPasswordProblem, usernameProblem } from './rulesCheck';

type Registration = z.infer<typeof registrationSchema>;

/** Hashing is slow on purpose; it happens before the write transaction so it never holds the write queue. */
interface RegistrationSecrets {
  readonly passwordHash: string;
  readonly securityAnswerHash: string | null;
}

export async function hashRegistrationSecrets(context: CentralContext, body: Registration): Promise<RegistrationSecrets> {
  const cost = { N: context.options.scryptCost, r: 8, p: 1 };
  return {
    passwordHash: await hashSecret(body.password, cost),
    securityAnswerHash: body.securityAnswer ? await hashSecret(normaliseAnswer(body.securityAnswer), cost) : null,
  };
}

const pendingSchema = z.object({
  username: z.string(),
  passwordHash: z.string(),
  email: z.string(),
  language: z.enum(['ar', 'en']),
  securityQuestion: z.string().nullable(),
  securityAnswerHash: z.string().nullable(),
});

/** The conditions that must hold both when the code is sent and when it is confirmed (someone may have raced us). */
async function conflicts(tx: Tx, idNumber: string, mobile: string, username: string): Promise<Answer | null> {
  if (await findAccount(tx, idNumber)) return problem('account_exists', 'An account already exists for this ID; sign in or recover it.');
  if (await findAccountByMobile(tx, mobile)) return problem('mobile_in_use', 'This mobile number belongs to another account.');
  if (await findAccountByUsername(tx, username)) return problem('username_taken', 'This username is taken; choose another.');
  return null;
}

/**
 * RULES.md "Register": every condition, in the order a person fixes them, then an SMS code to the mobile.
 * The SMS are in the session's language; without it, in the language chosen for the account (`body.language`).
 */
export async function startRegistration(
  tx: Tx,
  context: CentralContext,
  kiosk: KioskIdentity,
  body: Registration,
  secrets: RegistrationSecrets,
  sessionLanguage: Language | null,
): Promise<Answer> {
  const idNumber = idNumberOrProblem(context, body.idNumber);
  if (isAnswer(idNumber)) return idNumber;
  const person = await findPerson(tx, idNumber);
  if (!person) return problem('person_not_found', 'No person with this ID number.');
  if (idExpired(person, context.now())) return problem('id_expired', 'The ID has expired; renew it before registering.');
  if (await findAccount(tx, idNumber)) return problem('account_exists', 'An account already exists for this ID; sign in or recover it.');
  const mobile = mobileOrProblem(body.mobile);
  if (isAnswer(mobile)) return mobile;
  const usernameRule = usernameProblem(context, body.username);
  if (usernameRule) return usernameRule;
  const passwordRule = newPasswordProblem(context, body.password, body.passwordConfirmation, body.username);
  if (passwordRule) return passwordRule;
  const email = emailOrProblem(body.email, body.emailConfirmation);
  if (isAnswer(email)) return email;
  if (!body.termsAccepted) return problem('terms_not_accepted', 'Accept the terms of use and privacy policy to register.');
  const conflict = await conflicts(tx, idNumber, mobile, body.username);
  if (conflict) return conflict;
  return openChallenge(tx, context, {
    kioskId: kiosk.kioskId,
    purpose: 'registration',
    idNumber,
    mobile,
    language: smsLanguage(sessionLanguage, body.language),
    payload: {
      username: body.username,
      passwordHash: secrets.passwordHash,
      email,
      language: body.language,
      securityQuestion: body.securityQuestion ?? null,
      securityAnswerHash: secrets.securityAnswerHash,
    } satisfies z.infer<typeof pendingSchema>,
  });
}

export async function confirmRegistration(tx: Tx, context: CentralContext, kiosk: KioskIdentity, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmChallenge(tx, context, kiosk.kioskId, challengeId, 'registration', code);
  if (!confirmed.ok) return confirmed.answer;
  const { idNumber, mobile } = confirmed.challenge;
  const pending = pendingSchema.parse(confirmed.challenge.payload);
  const conflict = await conflicts(tx, idNumber, mobile, pending.username);
  if (conflict) return conflict;
  await tx.run(
    `INSERT INTO accounts (id_number, username, password_hash, state, mobile, email, language, security_question_ar, security_question_en, security_answer_hash, created_at)
     VALUES (?, ?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?)`,
    [idNumber, pending.username, pending.passwordHash, mobile, pending.email, pending.language, pending.securityQuestion, pending.securityQuestion, pending.securityAnswerHash, context.now()],
  );
  await sendSms(tx, context, mobile, 'notification', NOTICES.registered[smsLanguage(sessionLanguage, pending.language)]);
  context.log.info({ kioskId: kiosk.kioskId, idLast4: idNumber.slice(-4) }, 'account registered');
  return success(201, { accountState: 'registered', username: pending.username, maskedMobile: maskMobile(mobile), idNumberLast4: idNumber.slice(-4) });
}
