import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { type Clock, systemClock } from '../../../common/time';
import { PUBLISHER_PATH } from '../discovery';
import { DEFAULT_RETAIN_CAPACITY, DEFAULT_TAKE_TIMEOUT_MS, SimulatedCardReader } from './cardReader';
import { type AtmControl, atmControl } from './control';
import { type EndpointOptions, type FrameRecord, ServiceEndpoint } from './endpoint';
import { type EncipherPin, SimulatedEpp } from './epp';
import { DEFAULT_PIN_KEYS, DEFAULT_TECHNICIAN_PIN_KEY, type PinBlockFormat } from '../pinKeys';
import { AtmFaults, SIMULATED_SERVICES, type SimulatedServiceName } from './faults';
import { SimulatedPrinter } from './printer';
import { cardReaderService, eppService, printerService, publisherService } from './services';

export type { AtmCard } from './cardReader';
export type { AtmControl, AtmState } from './control';
export type { FrameRecord } from './endpoint';
export type { EncipherPin } from './epp';
export { type PinBlockFormat } from '../pinKeys';
export type { AtmFault, SimulatedServiceName } from './faults';
export type { AtmPrintedReceipt } from './printer';

/**
 * A simulated ATM on 127.0.0.1 speaking XFS4IoT over real WebSockets: the
 * service publisher at ws://127.0.0.1:<port>/xfs4iot/v1.0/ and the card
 * reader, EPP and receipt printer services under it, with a control object
 * for what a person (or a fault) does.
 */

/** The publisher's ports the spec leaves to a vendor: the simulator takes the first free one. */
export const SIMULATOR_PORTS: readonly number[] = [5846, 5847, 5848, 5849, 5850, 5851, 5852, 5853, 5854, 5855, 5856];

export interface SimulatedAtmOptions {
  /** The EPP's cipher: ISO 9564 under the demo keys in the lab (drivers/pinBlock), anything deterministic in specs. */
  readonly encipherPin: EncipherPin;
  /** 0 for any free port (specs); by default the first free one of 5846–5856. */
  readonly port?: number;
  /** The services the publisher lists (all three by default); leave out PinPad for an ATM without an EPP. */
  readonly services?: readonly SimulatedServiceName[];
  /** Names of the PIN keys inside the EPP, per format. */
  readonly pinKeys?: Readonly<Record<PinBlockFormat, string>>;
  /** Name of the technician PIN key inside the EPP (format 4); `PINKEY_MAINT` by default. */
  readonly technicianPinKey?: string;
  /** How long an ejected card waits at the exit before the reader retains it. */
  readonly takeTimeoutMs?: number;
  readonly retainCapacity?: number;
  /** The receipt printer's width in dots: 576 (80 mm, the default) or 384 (58 mm). */
  readonly printerWidthDots?: number;
  readonly vendorName?: string;
  readonly clock?: Clock;
  /** Every frame in and out of every service, for specs that prove what crosses the wire. */
  readonly onFrame?: (frame: FrameRecord) => void;
}

export interface SimulatedAtm {
  readonly publisherUrl: string;
  readonly port: number;
  readonly control: AtmControl;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function listenOn(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      server.off('listening', listening);
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    };
    const listening = (): void => {
      server.off('error', failed);
      resolve(true);
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, HOST);
  });
}

async function listen(server: Server, port: number | undefined): Promise<number> {
  for (const candidate of port === undefined ? SIMULATOR_PORTS : [port]) {
    if (await listenOn(server, candidate)) {
      const address = server.address();
      if (address && typeof address === 'object') return address.port;
    }
  }
  throw new Error(`no free port for the simulated ATM among ${(port === undefined ? SIMULATOR_PORTS : [port]).join(', ')}`);
}

function refuse(socket: Duplex, status: 404 | 503): void {
  socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Service Unavailable'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startSimulatedAtm(options: SimulatedAtmOptions): Promise<SimulatedAtm> {
  const clock = options.clock ?? systemClock;
  const faults = new AtmFaults();
  const listed = options.services ?? SIMULATED_SERVICES;
  const retainCapacity = options.retainCapacity ?? DEFAULT_RETAIN_CAPACITY;
  const endpointOptions: EndpointOptions = { faults, clock, ...(options.onFrame ? { onFrame: options.onFrame } : {}) };
  const endpoints = new Map<SimulatedServiceName, ServiceEndpoint>();
  const reader = new SimulatedCardReader({
    takeTimeoutMs: options.takeTimeoutMs ?? DEFAULT_TAKE_TIMEOUT_MS,
    retainCapacity,
    faults,
    clock,
    events: { unsolicited: (name, payload) => endpoints.get('CardReader')?.broadcast(name, payload) },
  });
  const epp = new SimulatedEpp({ encipherPin: options.encipherPin, pinKeys: options.pinKeys ?? DEFAULT_PIN_KEYS, technicianKey: options.technicianPinKey ?? DEFAULT_TECHNICIAN_PIN_KEY, faults });
  const printer = new SimulatedPrinter(faults, options.printerWidthDots === undefined ? {} : { widthDots: options.printerWidthDots });
  const services = { CardReader: cardReaderService(reader), PinPad: eppService(epp), Printer: printerService(printer) };
  for (const name of listed) endpoints.set(name, new ServiceEndpoint(services[name], endpointOptions));

  let port = 0;
  const serviceUrl = (name: string): string => `ws://${HOST}:${port}${PUBLISHER_PATH}${name}/`;
  const publisher = new ServiceEndpoint(
    publisherService(options.vendorName ?? 'Simulated ATM (moi-kiosk lab)', () => [...endpoints.keys()].map(serviceUrl)),
    endpointOptions,
  );

  const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end('XFS4IoT speaks WebSocket here\n');
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', `http://${HOST}`).pathname.replace(/\/?$/, '/');
    const name = path.startsWith(PUBLISHER_PATH) ? path.slice(PUBLISHER_PATH.length, -1) : undefined;
    const endpoint = name === '' ? publisher : name === undefined ? undefined : endpoints.get(name as SimulatedServiceName);
    if (!endpoint) return refuse(socket, 404);
    if (name && faults.isDown(name as SimulatedServiceName)) return refuse(socket, 503);
    sockets.handleUpgrade(request, socket, head, (ws) => endpoint.accept(ws));
  });
  port = await listen(server, options.port);

  return {
    publisherUrl: `ws://${HOST}:${port}${PUBLISHER_PATH}`,
    port,
    control: atmControl({ reader, epp, printer, faults, retainCapacity, endpoints }),
    async close() {
      reader.stop();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
