import { createBirpc } from 'birpc';
import type { RpcChannel } from './channel';
import { KioskError, isKioskErrorData } from './errors';
import { eventNames } from './events';
import type { KioskEvents } from './events';
import { procedureInputs, procedureNames } from './procedures';
import type { KioskApi, ProcedureName } from './procedures';

/** Larger messages are dropped unread: nothing the renderer sends is near this. */
export const maxMessageBytes = 64 * 1024;
const callTimeoutMs = 30_000;

type Envelope =
  | { t: 'q'; i?: string; m: string; a: unknown[]; o?: boolean }
  | { t: 's'; i: string; r?: unknown; e?: unknown };

/** JSON only, and only the two envelope shapes birpc speaks; anything else is refused before dispatch. */
function decodeEnvelope(text: unknown): Envelope {
  if (typeof text !== 'string') throw new KioskError('invalid_argument', 'message is not text');
  if (text.length > maxMessageBytes) throw new KioskError('invalid_argument', 'message too large');
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KioskError('invalid_argument', 'message is not an object');
  }
  const msg = value as Record<string, unknown>;
  if (msg.t === 'q' && typeof msg.m === 'string' && Array.isArray(msg.a) && (msg.i === undefined || typeof msg.i === 'string')) {
    return msg as Envelope;
  }
  if (msg.t === 's' && typeof msg.i === 'string') return msg as Envelope;
  throw new KioskError('invalid_argument', 'message is not an RPC envelope');
}

function encodeEnvelope(msg: Envelope): string {
  if (msg.t === 's' && msg.e !== undefined) {
    const error = msg.e instanceof KioskError ? msg.e.toData() : { code: 'internal', message: 'the kiosk core failed' };
    return JSON.stringify({ t: 's', i: msg.i, e: error });
  }
  return JSON.stringify(msg);
}

type Listener = (data: unknown) => void;

/**
 * Garbage is dropped before birpc sees it: a message that is not a well-formed
 * envelope never reaches dispatch (and never rejects a pending call).
 */
function filteredSubscription(channel: RpcChannel, onDropped: (reason: string) => void) {
  const wrapped = new Map<Listener, (data: string) => void>();
  return {
    on(fn: Listener) {
      const inner = (data: string) => {
        let envelope: Envelope;
        try {
          envelope = decodeEnvelope(data);
        } catch (error) {
          onDropped(error instanceof Error ? error.message : 'bad message');
          return;
        }
        fn(envelope);
      };
      wrapped.set(fn, inner);
      channel.on(inner);
    },
    off(fn: Listener) {
      const inner = wrapped.get(fn);
      if (inner) channel.off?.(inner);
      wrapped.delete(fn);
    },
  };
}

export interface ServeOptions {
  /** Told of every refused call or message, for the core's log (never with values). */
  onRefused?: (what: { procedure?: string; code: string; message: string }) => void;
  /** Called for handler errors that are not KioskErrors (bugs): logged by the core. */
  onInternalError?: (error: unknown, procedure: string) => void;
}

export interface ServedConnection {
  events: KioskEvents;
  close(): void;
}

/**
 * The core side: every call is checked against its schema before the handler
 * runs, so an invalid call changes nothing and gets a typed error back.
 */
export function serveKioskApi(handlers: KioskApi, channel: RpcChannel, options: ServeOptions = {}): ServedConnection {
  const refuse = (procedure: string | undefined, error: KioskError): never => {
    options.onRefused?.({ procedure, code: error.code, message: error.message });
    throw error;
  };
  const subscription = filteredSubscription(channel, (message) =>
    options.onRefused?.({ code: 'invalid_argument', message }),
  );
  const rpc = createBirpc<KioskEvents, Record<string, never>>(
    {},
    {
      post: (data: string) => channel.post(data),
      on: subscription.on,
      off: subscription.off,
      serialize: (msg: Envelope) => encodeEnvelope(msg),
      deserialize: (msg: Envelope) => msg,
      eventNames: [...eventNames],
      timeout: callTimeoutMs,
      resolver(name) {
        if (!Object.hasOwn(procedureInputs, name)) {
          return () => refuse(undefined, new KioskError('unknown_procedure', `no procedure named ${JSON.stringify(name.slice(0, 64))}`));
        }
        const procedure = name as ProcedureName;
        const schema = procedureInputs[procedure];
        return async (...args: unknown[]) => {
          if (args.length !== 1) {
            refuse(procedure, new KioskError('invalid_argument', `${procedure} takes exactly one argument`));
          }
          const parsed = schema.safeParse(args[0]);
          if (!parsed.success) {
            const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
            refuse(procedure, new KioskError('invalid_argument', `invalid input for ${procedure}`, issues));
          }
          try {
            return await (handlers[procedure] as (input: unknown) => Promise<unknown>)(parsed.data);
          } catch (error) {
            if (!(error instanceof KioskError)) options.onInternalError?.(error, procedure);
            throw error;
          }
        };
      },
      // A reply that cannot be posted (the renderer went away) must not crash the core.
      onGeneralError: () => true,
    },
  );
  return {
    events: {
      snapshot: (s) => void rpc.snapshot.asEvent(s).catch(() => undefined),
      sessionEnded: (e) => void rpc.sessionEnded.asEvent(e).catch(() => undefined),
      reloadRequested: () => void rpc.reloadRequested.asEvent().catch(() => undefined),
    },
    close: () => rpc.$close(),
  };
}

export interface KioskClient {
  api: KioskApi;
  close(): void;
}

/** The renderer side: a typed API whose failures are always KioskErrors. */
export function connectKiosk(channel: RpcChannel, events: KioskEvents): KioskClient {
  const subscription = filteredSubscription(channel, () => undefined);
  const rpc = createBirpc<Record<ProcedureName, (input: unknown) => Promise<unknown>>, KioskEvents>(events, {
    post: (data: string) => channel.post(data),
    on: subscription.on,
    off: subscription.off,
    serialize: (msg: Envelope) => JSON.stringify(msg),
    deserialize: (msg: Envelope) => msg,
    timeout: callTimeoutMs,
    resolver(name, resolved) {
      // Only the declared events may be invoked on the renderer.
      return (eventNames as readonly string[]).includes(name) ? resolved : undefined;
    },
  });
  const api = Object.fromEntries(
    procedureNames.map((name) => [
      name,
      (input: unknown) =>
        rpc[name](input).catch((error: unknown) => {
          if (isKioskErrorData(error)) throw KioskError.fromData(error);
          if (error instanceof Error && error.message.includes('timeout')) {
            throw new KioskError('timeout', `the kiosk core did not answer ${name}`);
          }
          throw new KioskError('disconnected', 'the kiosk core is not reachable');
        }),
    ]),
  ) as unknown as KioskApi;
  return { api, close: () => rpc.$close() };
}
