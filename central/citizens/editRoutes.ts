import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import type { ResultReceiptKind } from '../../common/wire/receipts';
import { routes } from '../../common/wire/routes';
import { type Answer, sendAnswer } from '../http/answers';
import { kioskOf } from '../http/requireKiosk';
import type { Tx } from '../store/database';
import { hashNewPassword } from './passwordReset';
import type { Language } from '../sms/messages';
import { changeAddress, checkCurrentPassword, confirmEmailChange, confirmPasswordChange, type Signed, startEmailChange, startPasswordChange } from './profile';
import type { ResultProof } from './receiptSms';
import { citizenOf } from './sessions';
import { confirmCurrentMobile, confirmNewMobile, startSignedInMobileChange } from './signedInMobile';

/** What routes.ts lends these routes: its once-per-key runners and the language of the screen. */
interface EditRouteHelpers {
  once(request: FastifyRequest, effect: (tx: Tx) => Promise<Answer>): Promise<Answer>;
  onceWithReceipt(request: FastifyRequest, kind: ResultReceiptKind, proof: ResultProof, effect: (tx: Tx) => Promise<Answer>): Promise<Answer>;
  sessionLanguage(request: FastifyRequest): 'ar' | 'en' | null;
}

/**
 * Edit user information (common/wire/routes/edits.ts): every call once per
 * Idempotency-Key, like the other citizen calls, so a retry after a lost
 * answer gets the first answer and no second code or change.
 */
/** A code's confirmation: the same parameters for every edit (the signed-in person, the challenge, the code, the session's language). */
type Confirm = (tx: Tx, context: CentralContext, who: Signed, challengeId: string, code: string, sessionLanguage: Language | null) => Promise<Answer>;

/** The confirmations of edit user information, and the receipt the result each completes has (none: a step on the way). */
const CONFIRMATIONS: readonly { route: 'confirmEmailChange' | 'confirmPasswordChange' | 'confirmCurrentMobile' | 'confirmNewMobile'; confirm: Confirm; receipt: ResultReceiptKind | null }[] = [
  { route: 'confirmEmailChange', confirm: confirmEmailChange, receipt: 'emailChanged' },
  { route: 'confirmPasswordChange', confirm: confirmPasswordChange, receipt: 'passwordRecovered' },
  { route: 'confirmCurrentMobile', confirm: confirmCurrentMobile, receipt: null },
  { route: 'confirmNewMobile', confirm: confirmNewMobile, receipt: 'mobileChanged' },
];

export function registerEditRoutes(fastify: FastifyInstance, context: CentralContext, helpers: EditRouteHelpers): void {
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
  for (const { route, confirm, receipt } of CONFIRMATIONS) {
    // The four have one shape (a challenge in the path, a code in the body): typed as the first, so one handler serves them.
    app.route({
      ...(routes[route] as typeof routes.confirmEmailChange),
      handler: async (request, reply) => {
        const { challengeId } = request.params;
        const effect = (tx: Tx) => confirm(tx, context, who(request), challengeId, request.body.code, sessionLanguage(request));
        return sendAnswer(reply, await (receipt ? onceWithReceipt(request, receipt, { challengeId }, effect) : once(request, effect)));
      },
    });
  }
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
