import { createNanoEvents } from 'nanoevents';
import { type BackoffPolicy, retry } from '../../common/backoff';
import { err, type Result } from '../../common/result';
import { type Clock, sleep, systemClock } from '../../common/time';
import { type CommandOptions, type ConnectError, type ConnectionTimings, ServiceConnection } from './connection';
import type { XfsResult } from './errors';
import type { CommandName, CommandPayload, UnsolicitedEvent } from './messages';
import type { InterfaceName } from './interfaces/common';

/**
 * One XFS4IoT service as the kiosk keeps it: its URI, the interfaces it
 * implements (from Common.Capabilities), and a connection that comes back by
 * itself. While the connection is down, commands answer `notConnected` at
 * once; listeners stay subscribed across reconnects.
 */

const DEFAULT_RECONNECT: BackoffPolicy = { baseMs: 250, capMs: 10_000, jitter: 'full' };

export interface ServiceOptions {
  readonly reconnect?: BackoffPolicy;
  readonly timings?: Partial<ConnectionTimings>;
  readonly clock?: Clock;
  readonly random?: () => number;
}

type ConnectionState = 'connected' | 'reconnecting' | 'closed';

export class XfsService {
  readonly uri: string;
  readonly interfaces: readonly InterfaceName[];
  readonly #options: ServiceOptions;
  readonly #events = createNanoEvents<{ unsolicited: (event: UnsolicitedEvent) => void; state: (state: ConnectionState) => void }>();
  readonly #stop = new AbortController();
  #connection: ServiceConnection | undefined;
  #state: ConnectionState = 'connected';
  /** Connections made after the first (the reconnects). */
  reconnects = 0;

  constructor(connection: ServiceConnection, interfaces: readonly InterfaceName[], options: ServiceOptions = {}) {
    this.uri = connection.url;
    this.interfaces = interfaces;
    this.#options = options;
    this.#attach(connection);
  }

  get state(): ConnectionState {
    return this.#state;
  }

  implements(name: InterfaceName): boolean {
    return this.interfaces.includes(name);
  }

  command<N extends CommandName>(name: N, payload: CommandPayload<N>, options: CommandOptions<N> = {}): Promise<XfsResult<N>> {
    const connection = this.#connection;
    if (!connection?.isOpen) return Promise.resolve(err({ type: 'notConnected', command: name }));
    return connection.command(name, payload, options);
  }

  /** Common.Cancel of every command this client has outstanding on the service. */
  async cancelAll(): Promise<void> {
    await this.#connection?.cancel();
  }

  onUnsolicited(listener: (event: UnsolicitedEvent) => void): () => void {
    return this.#events.on('unsolicited', listener);
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    return this.#events.on('state', listener);
  }

  async close(): Promise<void> {
    this.#stop.abort();
    this.#setState('closed');
    await this.#connection?.close();
  }

  #attach(connection: ServiceConnection): void {
    this.#connection = connection;
    connection.onUnsolicited((event) => {
      this.#events.emit('unsolicited', event);
    });
    connection.onClose(() => {
      if (this.#stop.signal.aborted) return;
      this.#setState('reconnecting');
      void this.#reconnect();
    });
  }

  async #reconnect(): Promise<void> {
    const clock = this.#options.clock ?? systemClock;
    const result = await retry<Result<ServiceConnection, ConnectError> | undefined>(
      () => (this.#stop.signal.aborted ? Promise.resolve(undefined) : ServiceConnection.open(this.uri, this.#options.timings, clock)),
      {
        attempts: Number.POSITIVE_INFINITY,
        policy: this.#options.reconnect ?? DEFAULT_RECONNECT,
        again: (attempt) => attempt !== undefined && !attempt.ok && !this.#stop.signal.aborted,
        ...(this.#options.random ? { random: this.#options.random } : {}),
        pause: (ms) => sleep(ms, { clock, signal: this.#stop.signal }),
      },
    );
    if (!result?.ok) return;
    if (this.#stop.signal.aborted) {
      await result.value.close();
      return;
    }
    this.reconnects += 1;
    this.#attach(result.value);
    this.#setState('connected');
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    this.#events.emit('state', state);
  }
}
