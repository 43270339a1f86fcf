import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import type { ResultReceiptKind } from '../../common/wire/receipts';
import { routes } from '../../common/wire/routes';
import { type Answer, sendAnswer } from '../http/answers';
import type { Tx } from '../store/database';
import type { Language } from '../sms/messages';
import type { ResultProof } from './receiptSms';

/** What the citizen routes lend a confirmation: their once-per-key runners and the language of the screen. */
export interface CitizenRouteHelpers {
  once(request: FastifyRequest, effect: (tx: Tx) => Promise<Answer>): Promise<Answer>;
  onceWithReceipt(request: FastifyRequest, kind: ResultReceiptKind, proof: ResultProof, effect: (tx: Tx) => Promise<Answer>): Promise<Answer>;
  sessionLanguage(request: FastifyRequest): Language | null;
}

/** The routes that confirm an SMS code: a challenge in the path, a code in the body, every one. */
type CodeConfirmationRoute = {
  [Name in keyof typeof routes]: (typeof routes)[Name]['schema'] extends { params: typeof routes.confirmActivation.schema.params; body: typeof routes.confirmActivation.schema.body } ? Name : never;
}[keyof typeof routes];

/**
 * A code's confirmation, with who asks (the kiosk, or the signed-in person at
 * it), and the receipt the result it completes has (none: a step on the way).
 */
export interface CodeConfirmation<Who> {
  route: CodeConfirmationRoute;
  confirm(tx: Tx, context: CentralContext, who: Who, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer>;
  receipt: ResultReceiptKind | null;
}

/** Registers each confirmation once per Idempotency-Key, its receipt named by the challenge it confirmed. */
export function registerCodeConfirmations<Who>(
  fastify: FastifyInstance,
  context: CentralContext,
  helpers: CitizenRouteHelpers,
  whoOf: (request: FastifyRequest) => Who,
  confirmations: readonly CodeConfirmation<Who>[],
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { once, onceWithReceipt, sessionLanguage } = helpers;
  for (const { route, confirm, receipt } of confirmations) {
    // Every one has the same params and body (CodeConfirmationRoute): typed as one of them, so one handler serves them all.
    app.route({
      ...(routes[route] as typeof routes.confirmActivation),
      handler: async (request, reply) => {
        const { challengeId } = request.params;
        const effect = (tx: Tx) => confirm(tx, context, whoOf(request), challengeId, request.body.code, sessionLanguage(request));
        return sendAnswer(reply, await (receipt ? onceWithReceipt(request, receipt, { challengeId }, effect) : once(request, effect)));
      },
    });
  }
}
