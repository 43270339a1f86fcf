/**
 * A message pipe carrying JSON text. MessagePort (Electron), WebSocket (browser
 * host) and the in-memory pair (tests) all reduce to this.
 */
export interface RpcChannel {
  post(data: string): void;
  on(listener: (data: string) => void): void;
  off?(listener: (data: string) => void): void;
}

/** Two connected channels, delivering asynchronously like a real port. */
export function createMemoryChannelPair(): [RpcChannel, RpcChannel] {
  const listeners: [Set<(d: string) => void>, Set<(d: string) => void>] = [new Set(), new Set()];
  const make = (self: 0 | 1): RpcChannel => ({
    post(data) {
      const peer = listeners[self === 0 ? 1 : 0];
      queueMicrotask(() => peer.forEach((l) => l(data)));
    },
    on(listener) {
      listeners[self].add(listener);
    },
    off(listener) {
      listeners[self].delete(listener);
    },
  });
  return [make(0), make(1)];
}

/** The part of a DOM or `ws` WebSocket we use. */
interface WebSocketLike {
  send(data: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export function webSocketChannel(socket: WebSocketLike): RpcChannel {
  const wrapped = new Map<(d: string) => void, (e: { data: unknown }) => void>();
  return {
    post: (data) => socket.send(data),
    on(listener) {
      const handler = (event: { data: unknown }) => {
        if (typeof event.data === 'string') listener(event.data);
        else if (event.data instanceof Uint8Array || event.data instanceof ArrayBuffer) {
          listener(new TextDecoder().decode(event.data));
        }
      };
      wrapped.set(listener, handler);
      socket.addEventListener('message', handler);
    },
    off(listener) {
      const handler = wrapped.get(listener);
      if (handler) socket.removeEventListener('message', handler);
      wrapped.delete(listener);
    },
  };
}
