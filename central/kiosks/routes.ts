import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import { routes } from '../../common/wire/routes';
import { sendAnswer, success } from '../http/answers';
import { kioskOf } from '../http/requireKiosk';
import { sendVersioned } from '../http/conditional';
import { enrolKiosk, renewKioskCertificate } from './enrolment';
import { acknowledgeCommand, receiveHeartbeat } from './heartbeat';
import { deliverOutbox } from './outbox';
import { storeLogPart } from './telemetry';
import { publishTechnicians, verifyTechnicianPin } from '../technicians/technicians';
import { verifyTechnicianPinBlock } from '../technicians/pinBlockCheck';

export function registerKioskRoutes(fastify: FastifyInstance, context: CentralContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.route({
    ...routes.enrolKiosk,
    handler: async (request, reply) => sendAnswer(reply, await enrolKiosk(context, request.body.enrolmentCode, request.body.csrPem)),
  });

  app.route({
    ...routes.renewKioskCertificate,
    handler: async (request, reply) => sendAnswer(reply, await renewKioskCertificate(context, kioskOf(request).kioskId, request.body.csrPem)),
  });

  app.route({
    ...routes.sendHeartbeat,
    handler: async (request, reply) => sendAnswer(reply, await receiveHeartbeat(context, kioskOf(request).kioskId, request.body)),
  });

  app.route({
    ...routes.getKioskConfig,
    handler: async (request, reply) => {
      await publishTechnicians(context);
      sendVersioned(request, reply, context.kioskConfig);
    },
  });

  app.route({
    ...routes.deliverOutbox,
    handler: async (request, reply) => sendAnswer(reply, success(200, { results: await deliverOutbox(context, kioskOf(request).kioskId, request.body.events) })),
  });

  app.route({
    ...routes.acknowledgeCommand,
    handler: async (request, reply) => {
      const kiosk = kioskOf(request);
      const answer = await context.db.transaction((tx) => acknowledgeCommand(tx, context, kiosk.kioskId, request.params.id, request.body.outcome, request.body.detail));
      return sendAnswer(reply, answer);
    },
  });

  app.route({
    ...routes.uploadKioskLogs,
    handler: async (request, reply) => {
      await storeLogPart(context, kioskOf(request).kioskId, request.body);
      return sendAnswer(reply, success(200, { uploadId: request.body.uploadId, part: request.body.part, stored: true as const }));
    },
  });

  app.route({
    ...routes.verifyTechnicianPin,
    handler: async (request, reply) => sendAnswer(reply, await verifyTechnicianPin(context, kioskOf(request).kioskId, request.body)),
  });

  app.route({
    ...routes.verifyTechnicianPinBlock,
    handler: async (request, reply) => sendAnswer(reply, await verifyTechnicianPinBlock(context, kioskOf(request).kioskId, request.body)),
  });
}
