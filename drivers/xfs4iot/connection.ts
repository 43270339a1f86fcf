import { createNanoEvents } from 'nanoevents';
import { WebSocket, type RawData } from 'ws';
import { err, ok, type Result } from '../../common/result';
import { type Clock, systemClock } from '../../common/time';
import { completionResult, type XfsError, type XfsResult } from './errors';
import {
  type CommandName,
  type CommandPayload,
  COMMANDS,
  commandMessage,
  eventSchemaOf,
  type Header,
  isUnsolicitedName,
  type Message,
  type Payload,
  parseMessage,
  serialiseMessage,
  type SolicitedEvent,
  UNSOLICITED,
  type UnsolicitedEvent,
} from './messages';

/**
 * One WebSocket to one XFS4IoT service (or the publisher). Request ids are
 * this connection's own, counting up from 1 and never reused; each command
 * is followed through acknowledge → solicited events → one completion and
 * answered as a Result. Unsolicited events go to whoever listens. When the
 * socket closes, every outstanding command answers `connectionLost`.
 */

export interface ConnectionTimings {
  /** WebSocket opening handshake. */
  readonly connectTimeoutMs: number;
  /** How long a command with no service timeout of its own may go without a completion. */
  readonly defaultGuardMs: number;
  /** Beyond a command's own timeout before the client stops waiting; also how long a cancelled command gets to complete. */
  readonly completionGraceMs: number;
}

const DEFAULT_CONNECTION_TIMINGS: ConnectionTimings = { connectTimeoutMs: 2_000, defaultGuardMs: 15_000, completionGraceMs: 3_000 };

export interface CommandOptions<N extends CommandName> {
  /** The header's `timeout`: the service's own limit in ms (it completes with `timeOut`); 0 or absent for none. */
  readonly timeoutMs?: number;
  /**
   * When the client gives up on a completion, cancels the command and answers
   * `timeout`: by default `timeoutMs` plus the grace, or `defaultGuardMs` for a
   * command without a timeout. `none` waits until the signal aborts (a command
   * that waits for a person, such as ReadRawData).
   */
  readonly guardMs?: number | 'none';
  readonly signal?: AbortSignal;
  /** Solicited events of this command, in arrival order, before its result. */
  readonly onEvent?: (event: SolicitedEvent<N>) => void;
}

export type ConnectError = { readonly type: 'unreachable'; readonly url: string; readonly detail: string };

interface ConnectionCounters {
  sent: number;
  received: number;
  /** Frames that were not an XFS4IoT message, or an event that did not match its schema. */
  malformed: number;
  /** Messages for a request id this connection is not waiting on (late answers to abandoned commands). */
  stray: number;
}

interface Pending {
  readonly name: CommandName;
  readonly onEvent?: (event: { name: string; payload: unknown }) => void;
  completed(header: Header, payload: Payload | undefined): void;
  refused(error: XfsError): void;
}

export class ServiceConnection {
  readonly url: string;
  readonly counters: ConnectionCounters = { sent: 0, received: 0, malformed: 0, stray: 0 };
  readonly #socket: WebSocket;
  readonly #timings: ConnectionTimings;
  readonly #clock: Clock;
  readonly #pending = new Map<number, Pending>();
  readonly #events = createNanoEvents<{ unsolicited: (event: UnsolicitedEvent) => void; close: () => void }>();
  #nextRequestId = 1;
  #open = true;

  private constructor(url: string, socket: WebSocket, timings: ConnectionTimings, clock: Clock) {
    this.url = url;
    this.#socket = socket;
    this.#timings = timings;
    this.#clock = clock;
    socket.on('message', (data, isBinary) => this.#received(data, isBinary));
    socket.on('close', () => this.#lost());
    socket.on('error', () => undefined);
  }

  static open(url: string, timings: Partial<ConnectionTimings> = {}, clock: Clock = systemClock): Promise<Result<ServiceConnection, ConnectError>> {
    const all = { ...DEFAULT_CONNECTION_TIMINGS, ...timings };
    return new Promise((resolve) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(url, { handshakeTimeout: all.connectTimeoutMs, perMessageDeflate: false });
      } catch (error) {
        resolve(err({ type: 'unreachable', url, detail: String(error) }));
        return;
      }
      const failed = (detail: string): void => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        resolve(err({ type: 'unreachable', url, detail }));
      };
      socket.once('open', () => {
        socket.removeAllListeners();
        resolve(ok(new ServiceConnection(url, socket, all, clock)));
      });
      socket.once('unexpected-response', (_request, response) => failed(`HTTP ${response.statusCode ?? '?'}`));
      socket.once('error', (error) => failed(error.message));
      socket.once('close', () => failed('closed during the handshake'));
    });
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Sends a command and answers its completion, or why there is none. */
  command<N extends CommandName>(name: N, payload: CommandPayload<N>, options: CommandOptions<N> = {}): Promise<XfsResult<N>> {
    if (!this.#open) return Promise.resolve(err({ type: 'notConnected', command: name }));
    if (options.signal?.aborted) return Promise.resolve(err({ type: 'aborted', command: name }));
    const requestId = this.#nextRequestId++;
    const timeout = options.timeoutMs ?? 0;
    const guardMs = options.guardMs ?? (timeout > 0 ? timeout + this.#timings.completionGraceMs : this.#timings.defaultGuardMs);
    const signal = options.signal;

    return new Promise<XfsResult<N>>((resolve) => {
      let guard: unknown;
      let aborted = false;
      const finish = (result: XfsResult<N>): void => {
        if (!this.#pending.delete(requestId)) return;
        this.#clock.clearTimeout(guard);
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const giveUp = (error: XfsError<N>): void => {
        finish(err(error));
        // Whatever the service still sends for this id arrives as a stray.
        void this.cancel([requestId]);
      };
      const armGuard = (ms: number, error: XfsError<N>): void => {
        this.#clock.clearTimeout(guard);
        guard = this.#clock.setTimeout(() => giveUp(error), ms);
      };
      const onAbort = (): void => {
        aborted = true;
        void this.cancel([requestId]);
        armGuard(this.#timings.completionGraceMs, { type: 'aborted', command: name });
      };
      this.#pending.set(requestId, {
        name,
        ...(options.onEvent ? { onEvent: options.onEvent as (event: { name: string; payload: unknown }) => void } : {}),
        completed: (header, body) => {
          const result = completionResult(name, header, body);
          // A command that completed anyway in the race with the abort keeps its result.
          finish(aborted && !result.ok ? err({ type: 'aborted', command: name }) : result);
        },
        refused: (error) => finish(err(error as XfsError<N>)),
      });
      if (guardMs !== 'none') armGuard(guardMs, { type: 'timeout', command: name, afterMs: guardMs });
      signal?.addEventListener('abort', onAbort, { once: true });
      const body = payload as Payload;
      this.#send(commandMessage(name, requestId, COMMANDS[name].version, timeout, Object.keys(body).length > 0 ? body : undefined));
    });
  }

  /** Common.Cancel of the given outstanding commands, or of all of this connection's. */
  cancel(requestIds?: readonly number[]): Promise<XfsResult<'Common.Cancel'>> {
    return this.command('Common.Cancel', requestIds ? { requestIds: [...requestIds] } : {}, { guardMs: this.#timings.completionGraceMs });
  }

  /** The unsolicited events this service sends, until the returned function is called. */
  onUnsolicited(listener: (event: UnsolicitedEvent) => void): () => void {
    return this.#events.on('unsolicited', listener);
  }

  onClose(listener: () => void): () => void {
    return this.#events.on('close', listener);
  }

  /** Closes the socket; outstanding commands answer `connectionLost`. */
  close(): Promise<void> {
    if (!this.#open) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.close(1000);
    });
  }

  #send(message: Message): void {
    this.counters.sent += 1;
    this.#socket.send(serialiseMessage(message), (error) => {
      if (error) this.#socket.terminate();
    });
  }

  #received(data: RawData, isBinary: boolean): void {
    this.counters.received += 1;
    const parsed = isBinary ? undefined : parseMessage(rawText(data));
    if (!parsed?.ok) {
      this.counters.malformed += 1;
      return;
    }
    const { header, payload } = parsed.value;
    if (header.type === 'unsolicited' || header.requestId === undefined) return this.#unsolicitedEvent(header.name, payload);
    const pending = header.requestId === undefined ? undefined : this.#pending.get(header.requestId);
    if (!pending) {
      this.counters.stray += 1;
      return;
    }
    switch (header.type) {
      case 'acknowledge':
        if (header.status !== undefined) pending.refused({ type: 'rejected', command: pending.name, status: header.status });
        return;
      case 'event':
        return this.#solicitedEvent(pending, header.name, payload);
      case 'completion':
        return pending.completed(header, payload);
      case 'command':
        this.counters.malformed += 1;
        return;
    }
  }

  #solicitedEvent(pending: Pending, name: string, payload: Payload | undefined): void {
    const parsed = eventSchemaOf(pending.name, name)?.safeParse(payload ?? {});
    if (!parsed?.success) {
      this.counters.malformed += 1;
      return;
    }
    pending.onEvent?.({ name, payload: parsed.data });
  }

  #unsolicitedEvent(name: string, payload: Payload | undefined): void {
    if (!isUnsolicitedName(name)) return;
    const parsed = UNSOLICITED[name].safeParse(payload ?? {});
    if (!parsed.success) {
      this.counters.malformed += 1;
      return;
    }
    const event = { name, payload: parsed.data } as UnsolicitedEvent;
    this.#events.emit('unsolicited', event);
  }

  #lost(): void {
    if (!this.#open) return;
    this.#open = false;
    for (const [, pending] of [...this.#pending]) pending.refused({ type: 'connectionLost', command: pending.name });
    this.#events.emit('close');
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
