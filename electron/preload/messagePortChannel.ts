import type { RpcChannel } from '../contract/channel';

/** The part of a DOM MessagePort the bridge uses (a sandboxed preload has no Node ports). */
export interface PortLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: string): void;
  start(): void;
  close(): void;
}

export function messagePortChannel(port: PortLike): RpcChannel {
  const listeners = new Set<(data: string) => void>();
  port.onmessage = (event) => {
    // The contract speaks JSON text; anything else on the port is not ours.
    if (typeof event.data !== 'string') return;
    for (const listener of listeners) listener(event.data);
  };
  port.start();
  return {
    post: (data) => port.postMessage(data),
    on: (listener) => void listeners.add(listener),
    off: (listener) => void listeners.delete(listener),
  };
}
