import { createBirpc } from 'birpc';
import type { RpcChannel } from '../channel';
import { callTimeoutMs, filteredSubscription } from '../envelope';
import type { Envelope } from '../envelope';
import { KioskError } from '../errors';
import { eventNames } from '../events';
import type { KioskEvents } from '../events';
import type { KioskApi, ProcedureName } from '../procedures';
import { procedureSchemas } from './procedures';

function encodeEnvelope(msg: Envelope): string {
  if (msg.t === 's' && msg.e !== undefined) {
    const error = msg.e instanceof KioskError ? msg.e.toData() : { code: 'internal', message: 'the kiosk core failed' };
    return JSON.stringify({ t: 's', i: msg.i, e: error });
  }
  return JSON.stringify(msg);
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
        if (!Object.hasOwn(procedureSchemas, name)) {
          return () => refuse(undefined, new KioskError('unknown_procedure', `no procedure named ${JSON.stringify(name.slice(0, 64))}`));
        }
        const procedure = name as ProcedureName;
        const schema = procedureSchemas[procedure];
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
