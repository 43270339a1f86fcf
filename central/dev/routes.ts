import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralContext } from '../context';
import { routes } from '../../common/wire/routes';
import { problem, sendAnswer, success } from '../http/answers';
import { issueEnrolmentCode } from '../kiosks/enrolment';
import { queueCommand } from '../kiosks/heartbeat';
import { fleetView, latestLog } from '../kiosks/telemetry';
import { putCatalogueFixture } from './catalogueFixture';
import { clockState } from './clock';
import { listKiosks } from './kiosks';
import { renderDevPage } from './page';
import { recentSms } from './sms';

type ReadRoute = typeof routes.getFault | typeof routes.issueEnrolmentCode | typeof routes.listKiosks | typeof routes.runBankActivations | typeof routes.getClock | typeof routes.getFleet;

/** Demo and test helpers: registered under the demo profile only (production answers 404 not_found: no such route). */
export function registerDevRoutes(fastify: FastifyInstance, context: CentralContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  /** The calls that take nothing in: the status and what each answers now. */
  const reads: readonly (readonly [route: ReadRoute, status: 200 | 201, read: () => unknown])[] = [
    [routes.getFault, 200, () => ({ setting: context.faults.current(), held: context.faults.heldRoutes() })],
    [routes.issueEnrolmentCode, 201, () => issueEnrolmentCode(context)],
    [routes.listKiosks, 200, async () => ({ kiosks: await listKiosks(context) })],
    [routes.runBankActivations, 200, async () => ({ activated: await context.bankActivations.run({ waitOver: true }) })],
    [routes.getClock, 200, () => clockState(context.clock)],
    [routes.getFleet, 200, () => fleetView(context)],
  ];
  for (const [route, status, read] of reads) {
    // Nothing in the request is read: typed as one of them, so one handler serves them all.
    app.route({ ...(route as typeof routes.getClock), handler: async (_request, reply) => sendAnswer(reply, success(status, await read())) });
  }
  app.route({
    ...routes.listSms,
    handler: async (request, reply) => {
      const messages = await recentSms(context, request.query.mobile, request.query.limit);
      if (messages === 'badMobile') return sendAnswer(reply, problem('mobile_invalid', 'Not a Saudi mobile number.'));
      return sendAnswer(reply, success(200, { messages }));
    },
  });
  app.route({
    ...routes.setFault,
    handler: async (request, reply) => {
      const setting = context.faults.set(request.body);
      context.log.warn({ fault: setting }, 'fault switch changed');
      return sendAnswer(reply, success(200, setting));
    },
  });
  app.route({
    ...routes.issueCommand,
    handler: async (request, reply) => {
      const command = await queueCommand(context, request.params.kioskId, request.body.type, request.body.reason);
      return sendAnswer(reply, command ? success(201, command) : problem('not_found', 'No such kiosk.'));
    },
  });
  app.route({
    ...routes.putCatalogueEntry,
    handler: async (request, reply) => sendAnswer(reply, await putCatalogueFixture(context, request.body)),
  });

  app.route({
    ...routes.advanceClock,
    handler: async (request, reply) => {
      context.clock.advance(request.body.advanceMs);
      const state = clockState(context.clock);
      context.log.warn({ advanceMs: request.body.advanceMs, offsetMs: state.offsetMs }, 'domain clock moved forward');
      return sendAnswer(reply, success(200, state));
    },
  });

  app.route({
    ...routes.getKioskLog,
    handler: async (request, reply) => {
      const log = await latestLog(context, request.params.kioskId);
      return sendAnswer(reply, log ? success(200, log) : problem('not_found', 'This kiosk has uploaded no log.'));
    },
  });

  app.get('/dev', { schema: { hide: true }, config: { access: 'demo' } }, async (_request, reply) => {
    const messages = await recentSms(context, undefined, 50);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(renderDevPage(messages === 'badMobile' ? [] : messages, await listKiosks(context), context.faults.current(), clockState(context.clock), await fleetView(context)));
  });
}
