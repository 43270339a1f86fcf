import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import { routes } from '../../common/wire/routes';
import { sendAnswer } from '../http/answers';
import { kioskOf } from '../http/requireKiosk';
import { type CitizenRouteHelpers, type CodeConfirmation, registerCodeConfirmations } from './confirmRoutes';
import { hashNewPassword } from './passwordReset';
import { changeAddress, checkCurrentPassword, confirmEmailChange, confirmPasswordChange, type Signed, startEmailChange, startPasswordChange } from './profile';
import { citizenOf } from './sessions';
import { confirmCurrentMobile, confirmNewMobile, startSignedInMobileChange } from './signedInMobile';

/** The confirmations of edit user information, and the receipt the result each completes has (none: a step on the way). */
const CONFIRMATIONS: readonly CodeConfirmation<Signed>[] = [
  { route: 'confirmEmailChange', confirm: confirmEmailChange, receipt: 'emailChanged' },
  { route: 'confirmPasswordChange', confirm: confirmPasswordChange, receipt: 'passwordRecovered' },
  { route: 'confirmCurrentMobile', confirm: confirmCurrentMobile, receipt: null },
  { route: 'confirmNewMobile', confirm: confirmNewMobile, receipt: 'mobileChanged' },
];

/**
 * Edit user information (common/wire/routes/edits.ts): every call once per
 * Idempotency-Key, like the other citizen calls, so a retry after a lost
 * answer gets the first answer and no second code or change.
 */
export function registerEditRoutes(fastify: FastifyInstance, context: CentralContext, helpers: CitizenRouteHelpers): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { once, onceWithReceipt, sessionLanguage } = helpers;
  const who = (request: FastifyRequest): Signed => ({ kioskId: kioskOf(request).kioskId, idNumber: citizenOf(request).idNumber });

  app.route({
    ...routes.changeEmail,
    handler: async (request, reply) => sendAnswer(reply, await once(request, (tx) => startEmailChange(tx, context, who(request), request.body, sessionLanguage(request)))),
  });
  app.route({
    ...routes.changePassword,
    handler: async (request, reply) => {
      const signed = who(request);
      const check = await checkCurrentPassword(context, signed.idNumber, request.body.currentPassword, request.body.newPassword);
      const newHash = await hashNewPassword(context, request.body.newPassword);
      return sendAnswer(reply, await once(request, (tx) => startPasswordChange(tx, context, signed, request.body, check, newHash, sessionLanguage(request))));
    },
  });
  app.route({
    ...routes.changeMobileSignedIn,
    handler: async (request, reply) =>
      sendAnswer(reply, await once(request, (tx) => startSignedInMobileChange(tx, context, who(request), request.body, sessionLanguage(request)))),
  });
  registerCodeConfirmations(fastify, context, helpers, who, CONFIRMATIONS);
  // No code: the session it is made in is the proof its receipt names.
  app.route({
    ...routes.changeAddress,
    handler: async (request, reply) =>
      sendAnswer(
        reply,
        await onceWithReceipt(request, 'addressChanged', { session: citizenOf(request) }, (tx) => changeAddress(tx, context, citizenOf(request).idNumber, request.body, sessionLanguage(request))),
      ),
  });
}
