import { createBirpc } from 'birpc';
import type { RpcChannel } from './channel';
import { callTimeoutMs, filteredSubscription } from './envelope';
import type { Envelope } from './envelope';
import { KioskError, isKioskErrorData } from './errors';
import { eventNames } from './events';
import type { KioskEvents } from './events';
import { procedureNames } from './procedures';
import type { KioskApi, ProcedureName } from './procedures';

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
          // What the link said (birpc's own wording: the rpc closed, the post failed) goes with it, for the console.
          throw new KioskError('disconnected', `the kiosk core is not reachable${error instanceof Error ? ` (${error.message.slice(0, 120)})` : ''}`);
        }),
    ]),
  ) as unknown as KioskApi;
  return { api, close: () => rpc.$close() };
}
