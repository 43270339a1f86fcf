import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import type { ResultReceiptKind } from '../../common/wire/receipts';
import { routes } from '../../common/wire/routes';
import { type Answer, sendAnswer } from '../http/answers';
import { kioskOf } from '../http/requireKiosk';
import type { Tx } from '../store/database';
import { hashNewPassword } from './passwordReset';
import { changeAddress, checkCurrentPassword, confirmEmailChange, confirmPasswordChange, type Signed, startEmailChange, startPasswordChange } from './profile';
import type { ResultProof } from './receiptSms';
import type { CitizenSession } from './sessions';
import { confirmCurrentMobile, confirmNewMobile, startSignedInMobileChange } from './signedInMobile';

/** What routes.ts lends these routes: its once-per-key runners and how it reads a request. */
interface EditRouteHelpers {
  once(request: FastifyRequest, operation: string, effect: (tx: Tx) => Promise<Answer>): Promise<Answer>;
  onceWithReceipt(request: FastifyRequest, operation: string, kind: ResultReceiptKind, proof: ResultProof, effect: (tx: Tx) => Promise<Answer>): Promise<Answer>;
  citizenOf(request: FastifyRequest): CitizenSession;
  sessionLanguage(request: FastifyRequest): 'ar' | 'en' | null;
}

/**
 * Edit user information (common/wire/routes/edits.ts): every call once per
 * Idempotency-Key, like the other citizen calls, so a retry after a lost
 * answer gets the first answer and no second code or change.
 */
export function registerEditRoutes(fastify: FastifyInstance, context: CentralContext, helpers: EditRouteHelpers): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { once, onceWithReceipt, citizenOf, sessionLanguage } = helpers;
  const who = (request: FastifyRequest): Signed => ({ kioskId: kioskOf(request).kioskId, idNumber: citizenOf(request).idNumber });

  app.route({
    ...routes.changeEmail,
    handler: async (request, reply) => sendAnswer(reply, await once(request, 'changeEmail', (tx) => startEmailChange(tx, context, who(request), request.body, sessionLanguage(request)))),
  });
  app.route({
    ...routes.confirmEmailChange,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, 'confirmEmailChange', (tx) => confirmEmailChange(tx, context, who(request), request.params.challengeId, request.body.code, sessionLanguage(request)))),
  });
  app.route({
    ...routes.changePassword,
    handler: async (request, reply) => {
      const signed = who(request);
      const check = await checkCurrentPassword(context, signed.idNumber, request.body.currentPassword, request.body.newPassword);
      const newHash = await hashNewPassword(context, request.body.newPassword);
      return sendAnswer(reply, await once(request, 'changePassword', (tx) => startPasswordChange(tx, context, signed, request.body, check, newHash, sessionLanguage(request))));
    },
  });
  app.route({
    ...routes.confirmPasswordChange,
    handler: async (request, reply) =>
      sendAnswer(
        reply,
        await onceWithReceipt(request, 'confirmPasswordChange', 'passwordRecovered', { challengeId: request.params.challengeId }, (tx) =>
          confirmPasswordChange(tx, context, who(request), request.params.challengeId, request.body.code, sessionLanguage(request)),
        ),
      ),
  });
  app.route({
    ...routes.changeMobileSignedIn,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, 'changeMobileSignedIn', (tx) => startSignedInMobileChange(tx, context, who(request), request.body, sessionLanguage(request)))),
  });
  app.route({
    ...routes.confirmCurrentMobile,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, 'confirmCurrentMobile', (tx) => confirmCurrentMobile(tx, context, who(request), request.params.challengeId, request.body.code, sessionLanguage(request)))),
  });
  app.route({
    ...routes.confirmNewMobile,
    handler: async (request, reply) =>
      sendAnswer(
        reply,
        await onceWithReceipt(request, 'confirmNewMobile', 'mobileChanged', { challengeId: request.params.challengeId }, (tx) =>
          confirmNewMobile(tx, context, who(request), request.params.challengeId, request.body.code, sessionLanguage(request)),
        ),
      ),
  });
  app.route({
    ...routes.changeAddress,
    handler: async (request, reply) => sendAnswer(reply, await once(request, 'changeAddress', (tx) => changeAddress(tx, context, citizenOf(request).idNumber, request.body, sessionLanguage(request)))),
  });
}
