import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyReply } from 'fastify';
import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import { demoPinKey } from '../pinBlock/demoKeys';
import type { PinBlockFormat } from '../pinBlock/pinBlock';
import type { TrustedBank } from '../../common/wire/bankAttestation';
import { attestationSigner, type BankSigningKey, DEMO_SIGNING_KEYS } from './attestation';
import { Bank } from './bank';
import { type BankCustomer, demoBankCustomers } from './customers';
import {
  authoriseRequestSchema,
  availabilityRequestSchema,
  BANK_PROBLEMS,
  type BankAvailability,
  type BankDecision,
  type BankProblemSlug,
  resetTriesRequestSchema,
} from './wire';

/**
 * The simulated bank host: its own small HTTP server on 127.0.0.1, beside
 * the lab. `POST /v1/authorise` is the bank's side; `/control/*` is the
 * simulator's (decisions, PIN-try reset, availability) and stays up when
 * the bank is made unavailable. No request is logged; a decision is logged
 * with the PAN's last 4 digits only.
 */

export interface BankHostOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default: demoBankCustomers() over the default demo population. */
  readonly customers?: readonly BankCustomer[];
  /** Default: the DEVICES.md §5 demo keys (TEST ONLY). */
  readonly pinKeys?: Readonly<Record<PinBlockFormat, Uint8Array>>;
  /**
   * One key per bank the host signs for; a card of a bank without one is
   * answered 500 no-signing-key. Default: DEMO_SIGNING_KEYS, the published
   * demo key (TEST ONLY, common/demo/bank.ts) under every demo bank code.
   */
  readonly signingKeys?: readonly BankSigningKey[];
  readonly now?: () => number;
  readonly log?: Logger;
}

export interface BankHostControl {
  /** The latest decisions, oldest first: last 4 of the PAN, never the PIN or the full PAN. */
  decisions(): readonly BankDecision[];
  /** Unblocks a card and clears its wrong PINs; false when the bank has no such card. */
  resetTries(pan: string): boolean;
  setAvailability(availability: BankAvailability): void;
  availability(): BankAvailability;
}

export interface RunningBankHost {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** What central must trust to accept this host's attestations: a bank code, kid and public key per signing key. */
  readonly trustedBanks: readonly TrustedBank[];
  readonly control: BankHostControl;
  close(): Promise<void>;
}

function sendProblem(reply: FastifyReply, slug: BankProblemSlug, detail?: string, issues?: readonly { path: string; message: string }[]): FastifyReply {
  const [status, title] = BANK_PROBLEMS[slug];
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `/problems/${slug}`, title, status, ...(detail === undefined ? {} : { detail }), ...(issues === undefined ? {} : { issues }) });
}

function parse<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.infer<S> | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  // zod's messages name the rule, never the value, so nothing typed comes back.
  sendProblem(reply, 'invalid-body', undefined, parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  return undefined;
}

/** Parser and framework errors get fixed texts and are logged by code only: an error's message may quote the body, which holds a PAN. */
function answerError(error: FastifyError, reply: FastifyReply, log: Logger): FastifyReply {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendProblem(reply, 'invalid-body', 'The body is not a JSON object.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(reply, 'body-too-large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendProblem(reply, 'unsupported-media-type');
    default:
      log.error({ code: error.code, statusCode: error.statusCode }, 'bank host request failed');
      return sendProblem(reply, 'internal-error');
  }
}

export async function startBankHost(options: BankHostOptions = {}): Promise<RunningBankHost> {
  const log = options.log ?? pino({ name: 'bank-host' }, pino.destination(2));
  const signer = await attestationSigner(options.signingKeys ?? DEMO_SIGNING_KEYS);
  const customers = options.customers ?? demoBankCustomers();
  const unsigned = [...new Set(customers.map((card) => card.bankCode))].filter((bankCode) => !signer.bankCodes.includes(bankCode));
  if (unsigned.length > 0) log.warn({ bankCodes: unsigned }, 'no signing key for these banks: their card holders cannot be vouched for');
  const bank = new Bank({
    customers,
    pinKeys: options.pinKeys ?? { iso0: demoPinKey('iso0'), iso4: demoPinKey('iso4') },
    signer,
    now: options.now ?? Date.now,
    log,
  });
  let availability: BankAvailability = 'up';
  const setAvailability = (next: BankAvailability): void => {
    if (next !== availability) log.info({ availability: next }, 'bank host availability');
    availability = next;
  };

  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 4096 });
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, _request, reply) => answerError(error, reply, log));
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, 'not-found'));
  // Before the body is read, so a "down" bank does not even parse the request.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/') || availability === 'up') return undefined;
    if (availability === 'unavailable') return sendProblem(reply, 'bank-host-unavailable');
    reply.hijack();
    request.raw.socket.destroy();
    return undefined;
  });

  app.post('/v1/authorise', async (request, reply) => {
    const input = parse(authoriseRequestSchema, request.body, reply);
    if (input === undefined) return reply;
    const decided = await bank.authorise(input);
    if (!decided.ok) {
      if (decided.error.type === 'noSigningKey') return sendProblem(reply, 'no-signing-key', `No signing key for bank ${decided.error.bankCode}.`);
      return sendProblem(reply, 'pin-block-unreadable', 'The EPP and the bank may not share this key; no PIN try was counted.');
    }
    return reply.send(decided.value);
  });
  app.get('/control/decisions', async () => ({ decisions: bank.decisions() }));
  app.post('/control/tries/reset', async (request, reply) => {
    const input = parse(resetTriesRequestSchema, request.body, reply);
    if (input === undefined) return reply;
    return bank.resetTries(input.pan) ? reply.send({ reset: true }) : sendProblem(reply, 'unknown-card');
  });
  app.post('/control/availability', async (request, reply) => {
    const input = parse(availabilityRequestSchema, request.body, reply);
    if (input === undefined) return reply;
    setAvailability(input.availability);
    return reply.send({ availability });
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, bankCodes: signer.bankCodes }, 'bank host listening');
  return {
    url,
    trustedBanks: signer.trustedBanks,
    control: {
      decisions: () => bank.decisions(),
      resetTries: (pan) => bank.resetTries(pan),
      setAvailability,
      availability: () => availability,
    },
    close: () => app.close(),
  };
}
