import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import { sessionLanguageOf } from '../../common/wire/citizen';
import { routes } from '../../common/wire/routes';
import { type Answer, sendAnswer, success } from '../http/answers';
import { runRequestOnce } from '../http/idempotent';
import { kioskOf } from '../http/requireKiosk';
import type { Tx } from '../store/database';
import type { Language } from '../sms/messages';
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
import { type CodeConfirmation, registerCodeConfirmations } from './confirmRoutes';
import { registerEditRoutes } from './editRoutes';
import type { KioskIdentity } from '../http/kioskIdentity';
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

/** The citizen routes that take a body. */
type BodyRoute = { [N in keyof typeof routes]: (typeof routes)[N]['schema'] extends { body: z.ZodType } ? N : never }[keyof typeof routes];
type BodyOf<N extends BodyRoute> = (typeof routes)[N]['schema'] extends { body: infer B extends z.ZodType } ? z.infer<B> : never;
type BodyEffect<N extends BodyRoute> = (tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: BodyOf<N>, sessionLanguage: Language | null) => Promise<Answer>;
type CheckedBodyEffect<N extends BodyRoute, C> = (tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: BodyOf<N>, checked: C, sessionLanguage: Language | null) => Promise<Answer>;

/** The confirmations of an SMS code at a kiosk, and the receipt the result each completes has (none: the account is only registered). */
const CODE_CONFIRMATIONS: readonly CodeConfirmation<KioskIdentity>[] = [
  { route: 'confirmRegistration', confirm: confirmRegistration, receipt: null },
  { route: 'confirmActivation', confirm: confirmActivation, receipt: 'accountActivated' },
  { route: 'confirmPasswordReset', confirm: confirmPasswordReset, receipt: 'passwordRecovered' },
  { route: 'confirmSmsUsernameRecovery', confirm: confirmSmsUsernameRecovery, receipt: 'usernameRecovered' },
  { route: 'confirmMobileChange', confirm: confirmMobileChange, receipt: 'mobileChanged' },
];

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
  const helpers = { once, onceWithReceipt, sessionLanguage };
  registerCodeConfirmations(fastify, context, helpers, kioskOf, CODE_CONFIRMATIONS);

  /** A call at a kiosk from what the person sent, with a slow check first (scrypt, a signature) outside the transaction: what it found goes to the effect. */
  const checkedFromBody = <N extends BodyRoute, C>(name: N, check: (context: CentralContext, body: BodyOf<N>) => Promise<C>, effect: CheckedBodyEffect<N, C>): void => {
    app.route({
      ...(routes[name] as typeof routes.startActivation),
      handler: async (request, reply) => {
        const body = request.body as BodyOf<N>;
        const checked = await check(context, body);
        return sendAnswer(reply, await once(request, (tx) => effect(tx, context, kioskOf(request), body, checked, sessionLanguage(request))));
      },
    });
  };
  /** The same with nothing to check first: the effect needs only the kiosk, what the person sent and the screen's language. */
  const fromBody = <N extends BodyRoute>(name: N, effect: BodyEffect<N>): void =>
    checkedFromBody(name, async () => undefined, (tx, ctx, kiosk, body, _nothing, language) => effect(tx, ctx, kiosk, body, language));
  fromBody('verifyIdCard', verifyIdCard);
  fromBody('startActivation', startActivation);
  fromBody('sendReceiptSms', sendReceiptSms);
  fromBody('signInByFingerprint', signInByFingerprint);
  fromBody('startSmsUsernameRecovery', startSmsUsernameRecovery);
  fromBody('startMobileChange', startMobileChange);

  checkedFromBody('startRegistration', hashRegistrationSecrets, startRegistration);
  checkedFromBody('signIn', checkLoginPassword, startSignIn);
  checkedFromBody('startFingerprintPasswordReset', (ctx, body) => hashNewPassword(ctx, body.newPassword), startFingerprintPasswordReset);
  checkedFromBody('startSecurityQuestionPasswordReset', checkSecurityAnswer, startSecurityQuestionPasswordReset);
  // The bank's signature and claims before the transaction (like a fingerprint match); the attestation is used up inside it.
  const attestation = (ctx: CentralContext, body: { attestation: string }) => verifyBankAttestation(ctx.bankTrust, body.attestation, ctx.now());
  checkedFromBody('previewBankActivation', attestation, (tx, ctx, kiosk, _body, checked) => previewBankActivation(tx, ctx, kiosk, checked));
  checkedFromBody('requestBankActivation', attestation, (tx, ctx, kiosk, _body, checked) => requestBankActivation(tx, ctx, kiosk, checked));

  app.route({
    ...routes.verifyFingerprint,
    handler: async (request, reply) => {
      const kiosk = kioskOf(request);
      const precheck = await precheckFingerprint(context, kiosk, request.body);
      return sendAnswer(reply, await once(request, (tx) => concludeFingerprint(tx, context, kiosk, request.body.sessionId, precheck)));
    },
  });

  app.route({
    ...routes.sendActivatedUsername,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, (tx) => sendActivatedUsername(tx, context, kioskOf(request), request.params.challengeId, sessionLanguage(request)))),
  });
  app.route({
    ...routes.resendCode,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => resendChallenge(tx, context, kioskOf(request).kioskId, request.params.challengeId, sessionLanguage(request)))),
  });

  app.route({
    ...routes.confirmSignIn,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, (tx) => confirmSignIn(tx, context, kioskOf(request), request.params.challengeId, request.body.code))),
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
    ...routes.getSecurityQuestion,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => lookUpSecurityQuestion(tx, context, request.body))),
  });
  app.route({
    ...routes.recoverUsernameByFingerprint,
    handler: async (request, reply) =>
      sendAnswer(reply, await onceWithReceipt(request, 'usernameRecovered', { verificationToken: request.body.verificationToken }, (tx) => recoverUsernameByFingerprint(tx, context, kioskOf(request), request.body, sessionLanguage(request)))),
  });

  app.route({
    ...routes.getProfile,
    handler: async (request, reply) => sendAnswer(reply, await profileOf(context.db, context, citizenOf(request).idNumber)),
  });
  registerEditRoutes(app, context, helpers);
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
