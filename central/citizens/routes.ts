import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import { sessionLanguageOf } from '../../common/wire/citizen';
import { routes } from '../../common/wire/routes';
import { type Answer, sendAnswer, success } from '../http/answers';
import { runRequestOnce } from '../http/idempotent';
import { kioskOf } from '../http/requireKiosk';
import type { Tx } from '../store/database';
import { confirmActivation, previewBankActivation, requestBankActivation, sendActivatedUsername, startActivation } from './activation';
import { verifyBankAttestation } from './bankAttestation';
import { resendChallenge } from './challenges';
import { concludeFingerprint, precheckFingerprint } from './fingerprint';
import { verifyIdCard } from './idCard';
import { listDocuments, listViolations, listVisas, objectToViolation } from './inquiries';
import { confirmMobileChange, startMobileChange } from './mobileChange';
import {
  checkSecurityAnswer,
  confirmPasswordReset,
  hashNewPassword,
  lookUpSecurityQuestion,
  startFingerprintPasswordReset,
  startSecurityQuestionPasswordReset,
} from './passwordReset';
import { type ResultProof, runOnceWithReceipt, sendReceiptSms } from './receiptSms';
import type { ResultReceiptKind } from '../../common/wire/receipts';
import { registerEditRoutes } from './editRoutes';
import { profileOf } from './profile';
import { hashRegistrationSecrets, confirmRegistration, startRegistration } from './registration';
import { citizenOf } from './sessions';
import { checkLoginPassword, confirmSignIn, signInByFingerprint, startSignIn } from './signIn';
import { confirmSmsUsernameRecovery, recoverUsernameByFingerprint, startSmsUsernameRecovery } from './usernameRecovery';

/**
 * The language the person is using at the kiosk screen, from the call's
 * Accept-Language (exactly `ar` or `en`, else null): every SMS the call causes
 * goes out in it; null leaves each SMS in the account's language.
 */
function sessionLanguage(request: FastifyRequest): 'ar' | 'en' | null {
  return sessionLanguageOf(request.headers['accept-language']);
}

export function registerCitizenRoutes(fastify: FastifyInstance, context: CentralContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** Every citizen POST: at most once per (kiosk, Idempotency-Key), the answer stored with the effect. */
  const once = (request: FastifyRequest, effect: (tx: Tx) => Promise<Answer>): Promise<Answer> => runRequestOnce(context, request, effect);

  /**
   * A call that completes a result with a receipt: once it succeeds, its
   * transaction id (the Idempotency-Key) names that result for the receipt
   * by SMS, with the account its proof named.
   */
  const onceWithReceipt = (request: FastifyRequest, kind: ResultReceiptKind, proof: ResultProof, effect: (tx: Tx) => Promise<Answer>): Promise<Answer> =>
    runOnceWithReceipt(context, request, kind, proof, effect);

  app.route({
    ...routes.verifyFingerprint,
    handler: async (request, reply) => {
      const kiosk = kioskOf(request);
      const precheck = await precheckFingerprint(context, kiosk, request.body);
      return sendAnswer(reply, await once(request, (tx) => concludeFingerprint(tx, context, kiosk, request.body.sessionId, precheck)));
    },
  });
  app.route({
    ...routes.verifyIdCard,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => verifyIdCard(tx, context, kioskOf(request), request.body))),
  });

  app.route({
    ...routes.startRegistration,
    handler: async (request, reply) => {
      const secrets = await hashRegistrationSecrets(context, request.body);
      return sendAnswer(reply, await once(request, (tx) => startRegistration(tx, context, kioskOf(request), request.body, secrets, sessionLanguage(request))));
    },
  });
  app.route({
    ...routes.confirmRegistration,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, (tx) => confirmRegistration(tx, context, kioskOf(request), request.params.challengeId, request.body.code, sessionLanguage(request)))),
  });
  app.route({
    ...routes.startActivation,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => startActivation(tx, context, kioskOf(request), request.body, sessionLanguage(request)))),
  });
  app.route({
    ...routes.confirmActivation,
    handler: async (request, reply) =>
      sendAnswer(reply, await onceWithReceipt(request, 'accountActivated', { challengeId: request.params.challengeId }, (tx) => confirmActivation(tx, context, kioskOf(request), request.params.challengeId, request.body.code, sessionLanguage(request)))),
  });
  app.route({
    ...routes.sendActivatedUsername,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, (tx) => sendActivatedUsername(tx, context, kioskOf(request), request.params.challengeId, sessionLanguage(request)))),
  });
  app.route({
    ...routes.previewBankActivation,
    handler: async (request, reply) => {
      // Signature and claims before the transaction (like a fingerprint match); single use inside it.
      const checked = await verifyBankAttestation(context.bankTrust, request.body.attestation, context.now());
      return sendAnswer(reply, await once(request, (tx) => previewBankActivation(tx, context, kioskOf(request), checked)));
    },
  });
  app.route({
    ...routes.requestBankActivation,
    handler: async (request, reply) => {
      const checked = await verifyBankAttestation(context.bankTrust, request.body.attestation, context.now());
      return sendAnswer(reply, await once(request, (tx) => requestBankActivation(tx, context, kioskOf(request), checked)));
    },
  });
  app.route({
    ...routes.sendReceiptSms,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => sendReceiptSms(tx, context, kioskOf(request), request.body, sessionLanguage(request)))),
  });
  app.route({
    ...routes.resendCode,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => resendChallenge(tx, context, kioskOf(request).kioskId, request.params.challengeId, sessionLanguage(request)))),
  });

  app.route({
    ...routes.signIn,
    handler: async (request, reply) => {
      const check = await checkLoginPassword(context, request.body);
      return sendAnswer(reply, await once(request, (tx) => startSignIn(tx, context, kioskOf(request), request.body, check, sessionLanguage(request))));
    },
  });
  app.route({
    ...routes.confirmSignIn,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, (tx) => confirmSignIn(tx, context, kioskOf(request), request.params.challengeId, request.body.code))),
  });
  app.route({
    ...routes.signInByFingerprint,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => signInByFingerprint(tx, context, kioskOf(request), request.body))),
  });
  app.route({
    ...routes.signOut,
    handler: async (request, reply) => {
      const session = citizenOf(request);
      return sendAnswer(
        reply,
        await once(request, async (tx) => {
          await tx.run('UPDATE citizen_sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL', [context.now(), session.tokenHash]);
          return success(200, { ok: true });
        }),
      );
    },
  });

  app.route({
    ...routes.startFingerprintPasswordReset,
    handler: async (request, reply) => {
      const passwordHash = await hashNewPassword(context, request.body.newPassword);
      return sendAnswer(reply, await once(request, (tx) => startFingerprintPasswordReset(tx, context, kioskOf(request), request.body, passwordHash, sessionLanguage(request))));
    },
  });
  app.route({
    ...routes.getSecurityQuestion,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => lookUpSecurityQuestion(tx, context, request.body))),
  });
  app.route({
    ...routes.startSecurityQuestionPasswordReset,
    handler: async (request, reply) => {
      const check = await checkSecurityAnswer(context, request.body);
      return sendAnswer(reply, await once(request, (tx) => startSecurityQuestionPasswordReset(tx, context, kioskOf(request), request.body, check, sessionLanguage(request))));
    },
  });
  app.route({
    ...routes.confirmPasswordReset,
    handler: async (request, reply) =>
      sendAnswer(reply, await onceWithReceipt(request, 'passwordRecovered', { challengeId: request.params.challengeId }, (tx) => confirmPasswordReset(tx, context, kioskOf(request), request.params.challengeId, request.body.code, sessionLanguage(request)))),
  });
  app.route({
    ...routes.recoverUsernameByFingerprint,
    handler: async (request, reply) =>
      sendAnswer(reply, await onceWithReceipt(request, 'usernameRecovered', { verificationToken: request.body.verificationToken }, (tx) => recoverUsernameByFingerprint(tx, context, kioskOf(request), request.body, sessionLanguage(request)))),
  });
  app.route({
    ...routes.startSmsUsernameRecovery,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => startSmsUsernameRecovery(tx, context, kioskOf(request), request.body, sessionLanguage(request)))),
  });
  app.route({
    ...routes.confirmSmsUsernameRecovery,
    handler: async (request, reply) =>
      sendAnswer(reply, await onceWithReceipt(request, 'usernameRecovered', { challengeId: request.params.challengeId }, (tx) => confirmSmsUsernameRecovery(tx, context, kioskOf(request), request.params.challengeId, request.body.code, sessionLanguage(request)))),
  });
  app.route({
    ...routes.startMobileChange,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => startMobileChange(tx, context, kioskOf(request), request.body, sessionLanguage(request)))),
  });
  app.route({
    ...routes.confirmMobileChange,
    handler: async (request, reply) =>
      sendAnswer(reply, await onceWithReceipt(request, 'mobileChanged', { challengeId: request.params.challengeId }, (tx) => confirmMobileChange(tx, context, kioskOf(request), request.params.challengeId, request.body.code, sessionLanguage(request)))),
  });

  app.route({
    ...routes.getProfile,
    handler: async (request, reply) => sendAnswer(reply, await profileOf(context.db, context, citizenOf(request).idNumber)),
  });
  registerEditRoutes(app, context, { once, onceWithReceipt, sessionLanguage });
  app.route({
    ...routes.listVisas,
    handler: async (request, reply) => sendAnswer(reply, await listVisas(context.db, citizenOf(request).idNumber)),
  });
  app.route({
    ...routes.listViolations,
    handler: async (request, reply) => sendAnswer(reply, await listViolations(context.db, context, citizenOf(request).idNumber)),
  });
  app.route({
    ...routes.objectToViolation,
    handler: async (request, reply) =>
      sendAnswer(
        reply,
        await once(request, (tx) =>
          objectToViolation(tx, context, kioskOf(request).kioskId, citizenOf(request).idNumber, request.params.violationNumber, request.body.reason),
        ),
      ),
  });
  app.route({
    ...routes.listDocuments,
    handler: async (request, reply) => sendAnswer(reply, await listDocuments(context.db, context, citizenOf(request).idNumber)),
  });
}
