import type { WebSocket } from 'ws';
import { SerialLock } from '../../../common/lock';
import { type Clock, systemClock } from '../../../common/time';
import type { InterfaceName } from '../interfaces/common';
import { type CommandName, COMMANDS, isCommandName, type Message, type Payload, parseMessage, serialiseMessage } from '../messages';
import type { AtmFaults } from './faults';
import { acknowledge, type CommandContext, type CommandEnd, completion, failure, type Outcome, solicitedEvent, success, unsolicited, until } from './outcome';

/**
 * One simulated service's WebSocket endpoint, as the spec has a service
 * behave: every command is acknowledged (or refused: bad envelope, a request
 * id still in use), then runs and completes once. Device commands run one at
 * a time in arrival order; Common.Status, Capabilities and Cancel answer at
 * once. Common.Cancel stops the named commands of the same connection.
 */

export interface SimulatedService {
  /** The path segment after /xfs4iot/v1.0/ ('' for the publisher). */
  readonly name: string;
  readonly interfaces: readonly InterfaceName[];
  readonly commands: ReadonlySet<CommandName>;
  /** Commands that do not wait for the device. */
  readonly immediate: ReadonlySet<CommandName>;
  run(name: CommandName, payload: unknown, context: CommandContext): Promise<CommandEnd>;
}

export interface FrameRecord {
  readonly service: string;
  readonly direction: 'in' | 'out';
  readonly text: string;
}

export interface EndpointOptions {
  readonly faults: AtmFaults;
  readonly clock?: Clock;
  readonly onFrame?: (frame: FrameRecord) => void;
}

type AbortReason = 'canceled' | 'timeOut' | 'closed';

interface Outstanding {
  readonly name: CommandName;
  /** Absent for a command left hanging by the noCompletion fault: nothing can stop it. */
  readonly controller?: AbortController;
}

export class ServiceEndpoint {
  readonly service: SimulatedService;
  readonly #options: EndpointOptions;
  readonly #sessions = new Set<Session>();
  readonly #lock = new SerialLock();

  constructor(service: SimulatedService, options: EndpointOptions) {
    this.service = service;
    this.#options = options;
  }

  get connections(): number {
    return this.#sessions.size;
  }

  accept(socket: WebSocket): void {
    const session = new Session(socket, this, this.#options);
    this.#sessions.add(session);
    socket.on('close', () => {
      this.#sessions.delete(session);
      session.closed();
    });
  }

  /** An unsolicited event to every client of this service. */
  broadcast(name: string, payload?: Payload): void {
    for (const session of this.#sessions) session.send(unsolicited(name, payload));
  }

  /** Drops every connection, as a crashed service or a pulled cable would. */
  drop(): void {
    for (const session of this.#sessions) session.terminate();
  }

  /** Runs a device command when the device is free; a command cancelled while it waits ends at once. */
  async runQueued(signal: AbortSignal, run: () => Promise<CommandEnd>): Promise<CommandEnd> {
    const granted = this.#lock.acquire();
    const turn = await Promise.race([granted, until<never>(signal, () => () => undefined)]);
    if (turn === 'aborted') {
      void granted.then((release) => release());
      return 'aborted';
    }
    try {
      return await run();
    } finally {
      turn();
    }
  }
}

class Session {
  readonly #socket: WebSocket;
  readonly #endpoint: ServiceEndpoint;
  readonly #options: EndpointOptions;
  readonly #outstanding = new Map<number, Outstanding>();

  constructor(socket: WebSocket, endpoint: ServiceEndpoint, options: EndpointOptions) {
    this.#socket = socket;
    this.#endpoint = endpoint;
    this.#options = options;
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.#received(data.toString());
    });
    socket.on('error', () => undefined);
  }

  send(message: Message): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    const text = serialiseMessage(message);
    this.#options.onFrame?.({ service: this.#endpoint.service.name, direction: 'out', text });
    this.#socket.send(text);
  }

  terminate(): void {
    this.#socket.terminate();
  }

  closed(): void {
    for (const outstanding of this.#outstanding.values()) outstanding.controller?.abort('closed' satisfies AbortReason);
  }

  #received(text: string): void {
    this.#options.onFrame?.({ service: this.#endpoint.service.name, direction: 'in', text });
    const parsed = parseMessage(text);
    if (!parsed.ok) return this.#refuseUnreadable(text);
    const { header, payload } = parsed.value;
    if (header.type !== 'command' || header.requestId === undefined) {
      if (header.requestId !== undefined) this.send(acknowledge(header.name, header.requestId, 'invalidMessage'));
      return;
    }
    const { name, requestId } = header;
    if (this.#outstanding.has(requestId)) return this.send(acknowledge(name, requestId, 'invalidRequestID'));
    this.send(acknowledge(name, requestId));
    if (!isCommandName(name) || !this.#endpoint.service.commands.has(name)) {
      return this.send(completion(name, requestId, failure('unsupportedCommand', `${name} is not a command of this service`)));
    }
    const checked = COMMANDS[name].payload.safeParse(payload ?? {});
    if (!checked.success) return this.send(completion(name, requestId, failure('invalidData', 'the payload does not match the command')));
    if (name === 'Common.Cancel') return this.send(completion(name, requestId, this.#cancel(checked.data as { requestIds?: number[] })));
    if (this.#options.faults.takeNoCompletion(name)) {
      this.#outstanding.set(requestId, { name });
      return;
    }
    void this.#execute(name, requestId, header.timeout ?? 0, checked.data);
  }

  async #execute(name: CommandName, requestId: number, timeoutMs: number, payload: unknown): Promise<void> {
    const clock = this.#options.clock ?? systemClock;
    const controller = new AbortController();
    this.#outstanding.set(requestId, { name, controller });
    const timer = timeoutMs > 0 ? clock.setTimeout(() => controller.abort('timeOut' satisfies AbortReason), timeoutMs) : undefined;
    const context: CommandContext = {
      signal: controller.signal,
      emit: (event, body) => {
        if (!controller.signal.aborted) this.send(solicitedEvent(event, requestId, body));
      },
    };
    const service = this.#endpoint.service;
    const run = (): Promise<CommandEnd> => service.run(name, payload, context);
    let end: CommandEnd;
    try {
      end = service.immediate.has(name) ? await run() : await this.#endpoint.runQueued(controller.signal, run);
    } catch (error) {
      end = failure('internalError', error instanceof Error ? error.message : String(error));
    }
    clock.clearTimeout(timer);
    this.#outstanding.delete(requestId);
    const reason = controller.signal.reason as AbortReason | undefined;
    if (reason === 'closed') return;
    const outcome: Outcome = end === 'aborted' ? failure(reason === 'timeOut' ? 'timeOut' : 'canceled') : end;
    this.send(completion(name, requestId, outcome));
  }

  #cancel(request: { requestIds?: number[] }): Outcome {
    const targets = request.requestIds ?? [...this.#outstanding.keys()];
    const found = targets.filter((id) => this.#outstanding.has(id));
    if (request.requestIds && found.length === 0) return { completionCode: 'commandErrorCode', payload: { errorCode: 'noMatchingRequestIDs' } };
    for (const id of found) this.#outstanding.get(id)?.controller?.abort('canceled' satisfies AbortReason);
    return success();
  }

  /** A frame that is not a message: refused when it at least names a request id, else ignored. */
  #refuseUnreadable(text: string): void {
    try {
      const json = JSON.parse(text) as { header?: { name?: unknown; requestId?: unknown } };
      const { name, requestId } = json.header ?? {};
      if (typeof requestId === 'number' && Number.isInteger(requestId) && requestId > 0) {
        this.send(acknowledge(typeof name === 'string' && /^[A-Z]\w*\.[A-Z]\w*$/.test(name) ? name : 'Common.Unknown', requestId, 'invalidMessage'));
      }
    } catch {
      // Not JSON at all: nothing to answer.
    }
  }
}
