import type { RpcChannel } from './channel';
import { KioskError } from './errors';

/** Larger messages are dropped unread: nothing the renderer sends is near this. */
export const maxMessageBytes = 64 * 1024;
export const callTimeoutMs = 30_000;

/** birpc's two message shapes: a call (`q`) and its answer (`s`). */
export type Envelope =
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

type Listener = (data: unknown) => void;

/**
 * Garbage is dropped before birpc sees it: a message that is not a well-formed
 * envelope never reaches dispatch (and never rejects a pending call).
 */
export function filteredSubscription(channel: RpcChannel, onDropped: (reason: string) => void) {
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
