import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../common/result';
import type { Clock } from '../../../common/time';
import { type ConnectionChange, DeviceConnection, type HandshakeFailure, type Link, type OpenFailure } from './connection';

/** A clock whose timers fire only when the spec says so. */
function manualClock(): Clock & { delays: number[]; fire(): void } {
  const pending: (() => void)[] = [];
  const delays: number[] = [];
  return {
    delays,
    now: () => 0,
    setTimeout(fn, ms) {
      delays.push(ms);
      pending.push(fn);
      return pending.length;
    },
    clearTimeout() {
      pending.length = 0;
    },
    fire() {
      const next = pending.shift();
      next?.();
    },
  };
}

class FakeLink implements Link {
  isOpen = true;
  readonly #listeners: ((error?: Error) => void)[] = [];
  onClose(listener: (error?: Error) => void): () => void {
    this.#listeners.push(listener);
    return () => undefined;
  }
  async close(): Promise<void> {
    this.isOpen = false;
  }
  pull(): void {
    this.isOpen = false;
    for (const listener of this.#listeners) listener(new Error('gone'));
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the connection supervisor', () => {
  it('retries a missing port with doubling delays and runs the handshake with first=false after a reconnect', async () => {
    const clock = manualClock();
    const changes: ConnectionChange[] = [];
    let plugged = false;
    let link = new FakeLink();
    const handshakes: boolean[] = [];
    const connection = new DeviceConnection<FakeLink, string>(
      {
        open: async (): Promise<Result<FakeLink, OpenFailure>> => (plugged ? ok((link = new FakeLink())) : err('portMissing')),
        handshake: async (_link, first): Promise<Result<string, HandshakeFailure>> => {
          handshakes.push(first);
          return ok('driver');
        },
        release: () => undefined,
      },
      { clock, reconnect: { baseMs: 10, capMs: 40, jitter: 'none' }, log: pino({ level: 'silent' }), onChange: (c) => changes.push(c) },
    );
    connection.start();
    await settle();
    clock.fire();
    await settle();
    clock.fire();
    await settle();
    expect(clock.delays).toEqual([10, 20, 40]);
    expect(changes.every((c) => c.kind === 'down' && c.reason === 'portMissing')).toBe(true);

    plugged = true;
    clock.fire();
    await settle();
    expect(connection.driver).toBe('driver');
    expect(changes.at(-1)).toEqual({ kind: 'connected' });

    link.pull();
    expect(changes.at(-1)).toEqual({ kind: 'down', reason: 'unplugged' });
    expect(connection.driver).toBeUndefined();
    // The count starts again after a success.
    expect(clock.delays.at(-1)).toBe(10);
    clock.fire();
    await settle();
    expect(handshakes).toEqual([true, false]);
    await connection.stop();
  });

  it('reports a refused handshake and closes the link it opened', async () => {
    const clock = manualClock();
    const changes: ConnectionChange[] = [];
    const link = new FakeLink();
    const connection = new DeviceConnection<FakeLink, string>(
      { open: async () => ok(link), handshake: async () => err('handshakeRefused'), release: () => undefined },
      { clock, log: pino({ level: 'silent' }), onChange: (c) => changes.push(c) },
    );
    connection.start();
    await settle();
    expect(changes).toEqual([{ kind: 'down', reason: 'handshakeRefused' }]);
    expect(link.isOpen).toBe(false);
    await connection.stop();
  });

  it('a port library that throws on open is a failed attempt, tried again with backoff, never an unhandled rejection', async () => {
    const clock = manualClock();
    const changes: ConnectionChange[] = [];
    let throws = true;
    const connection = new DeviceConnection<FakeLink, string>(
      {
        open: async () => {
          if (throws) throw new Error('EIO: the port went away while opening');
          return ok(new FakeLink());
        },
        handshake: async () => ok('driver'),
        release: () => undefined,
      },
      { clock, log: pino({ level: 'silent' }), onChange: (c) => changes.push(c) },
    );
    connection.start();
    await settle();
    expect(changes).toEqual([{ kind: 'down', reason: 'openFailed' }]);
    expect(clock.delays).toHaveLength(1);
    throws = false;
    clock.fire();
    await settle();
    expect(changes.at(-1)).toEqual({ kind: 'connected' });
    expect(connection.driver).toBe('driver');
    await connection.stop();
  });
});
