import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import { checkServiceInputs } from '../../common/rules';
import { routes } from '../../common/wire/routes';
import { problem, sendAnswer } from '../http/answers';
import { kioskOf } from '../http/requireKiosk';
import { sendVersioned } from '../http/conditional';
import { runOnceWithReceipt } from '../citizens/receiptSms';
import { citizenOf } from '../citizens/sessions';
import { runInquiry } from './answers';
import { submitForm } from './forms';

/** The catalogue (ETag, 304) and the generic inquiry and form routes its entries run on. */
export function registerCatalogueRoutes(fastify: FastifyInstance, context: CentralContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.route({
    ...routes.getServiceCatalogue,
    handler: async (request, reply) => sendVersioned(request, reply, context.catalogue),
  });

  app.route({
    ...routes.runInquiry,
    handler: async (request, reply) => {
      const entry = context.catalogue.find(request.params.serviceId);
      if (entry?.kind !== 'inquiry') return sendAnswer(reply, problem('service_not_found', `${request.params.serviceId} is not an inquiry of the catalogue.`));
      // Central has the final word on the inputs, by the same shared rules the kiosk checked them with.
      const checked = checkServiceInputs(entry.inputs, request.body.inputs, { luhn: context.options.rules.idNumberLuhnCheck });
      if (!checked.ok) return sendAnswer(reply, problem('input_invalid', 'An input breaks its rule.', { issues: Object.entries(checked.fields).map(([path, words]) => ({ path, message: words.join(', ') })) }));
      return sendAnswer(reply, await runInquiry(context.db, context, entry, citizenOf(request).idNumber));
    },
  });

  app.route({
    ...routes.submitForm,
    handler: async (request, reply) => {
      const entry = context.catalogue.find(request.params.serviceId);
      if (entry?.kind !== 'form') return sendAnswer(reply, problem('service_not_found', `${request.params.serviceId} is not a form of the catalogue.`));
      const kioskId = kioskOf(request).kioskId;
      // A form's result has its receipt by SMS: the session it was made in is the proof.
      const session = citizenOf(request);
      return sendAnswer(reply, await runOnceWithReceipt(context, request, 'formSubmitted', { session }, (tx) => submitForm(tx, context, entry, kioskId, session.idNumber, request.body.inputs)));
    },
  });
}
