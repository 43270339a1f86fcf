import { err, ok, type Result } from '../../common/result';
import { type Clock, systemClock } from '../../common/time';
import { type ConnectionTimings, ServiceConnection } from './connection';
import { INTERFACE_NAMES, type InterfaceName } from './interfaces/common';

/**
 * Finding the ATM's services: ask each candidate publisher for its services
 * (ServicePublisher.GetServices), ask each service which interfaces it
 * implements (Common.Capabilities), and keep the first publisher whose
 * services cover what the kiosk needs. The spec fixes the ports: 80 (ws
 * only), 443 (wss only) and 5846–5856, with the publisher at /xfs4iot/v1.0/.
 */

export const PUBLISHER_PATH = '/xfs4iot/v1.0/';
const MANDATED_PORTS: readonly number[] = [80, 443, 5846, 5847, 5848, 5849, 5850, 5851, 5852, 5853, 5854, 5855, 5856];
/** What ATM mode uses: card reader and its retain bin, the EPP's keyboard and PIN block, the receipt printer. */
const NEEDED_INTERFACES: readonly InterfaceName[] = ['CardReader', 'Storage', 'Keyboard', 'PinPad', 'Printer'];

export interface DiscoveryOptions {
  /** Where the publisher runs; the ATM's own machine unless configured. */
  readonly host?: string;
  /** Ports to try, in order (the mandated ones by default). */
  readonly ports?: readonly number[];
  /** Full publisher URLs instead of host and ports. */
  readonly candidates?: readonly string[];
  readonly needed?: readonly InterfaceName[];
  readonly timings?: Partial<ConnectionTimings>;
  readonly clock?: Clock;
}

interface DiscoveredService {
  readonly connection: ServiceConnection;
  readonly interfaces: readonly InterfaceName[];
}

interface Discovery {
  readonly publisher: string;
  readonly vendorName?: string;
  readonly services: readonly DiscoveredService[];
}

export type DiscoveryError =
  /** No candidate answered ServicePublisher.GetServices. */
  | { readonly type: 'noPublisher'; readonly tried: readonly string[] }
  /** The publisher that came closest still lacks these interfaces; `unreachable` lists the services it named that did not answer. */
  | {
      readonly type: 'missingInterfaces';
      readonly publisher: string;
      readonly missing: readonly InterfaceName[];
      readonly unreachable: readonly string[];
    };

/** Port 443 is wss only; every other mandated port is tried as ws. */
function publisherCandidates(host: string, ports: readonly number[] = MANDATED_PORTS): string[] {
  return ports.map((port) => `${port === 443 ? 'wss' : 'ws'}://${host}:${port}${PUBLISHER_PATH}`);
}

function knownInterfaces(names: readonly string[]): InterfaceName[] {
  return INTERFACE_NAMES.filter((name) => names.includes(name));
}

interface Offer {
  readonly discovery: Discovery;
  readonly missing: readonly InterfaceName[];
  readonly unreachable: readonly string[];
}

async function askPublisher(url: string, options: DiscoveryOptions, needed: readonly InterfaceName[]): Promise<Offer | undefined> {
  const clock = options.clock ?? systemClock;
  const opened = await ServiceConnection.open(url, options.timings, clock);
  if (!opened.ok) return undefined;
  const answer = await opened.value.command('ServicePublisher.GetServices', {});
  await opened.value.close();
  if (!answer.ok) return undefined;

  const services: DiscoveredService[] = [];
  const unreachable: string[] = [];
  for (const { serviceURI } of answer.value.services) {
    const uri = new URL(serviceURI, url).href;
    const connection = await ServiceConnection.open(uri, options.timings, clock);
    if (!connection.ok) {
      unreachable.push(uri);
      continue;
    }
    const capabilities = await connection.value.command('Common.Capabilities', {});
    if (!capabilities.ok) {
      unreachable.push(uri);
      await connection.value.close();
      continue;
    }
    services.push({ connection: connection.value, interfaces: knownInterfaces(capabilities.value.interfaces.map((i) => i.name)) });
  }
  const covered = new Set(services.flatMap((service) => service.interfaces));
  return {
    discovery: { publisher: url, ...(answer.value.vendorName === undefined ? {} : { vendorName: answer.value.vendorName }), services },
    missing: needed.filter((name) => !covered.has(name)),
    unreachable,
  };
}

/** The first candidate publisher whose services implement every needed interface, with those services connected. */
export async function discoverServices(options: DiscoveryOptions): Promise<Result<Discovery, DiscoveryError>> {
  const candidates = options.candidates ?? publisherCandidates(options.host ?? 'localhost', options.ports);
  const needed = options.needed ?? NEEDED_INTERFACES;
  let closest: Offer | undefined;
  for (const url of candidates) {
    const offer = await askPublisher(url, options, needed);
    if (!offer) continue;
    if (offer.missing.length === 0) {
      await closeAll(closest);
      return ok(offer.discovery);
    }
    if (!closest || offer.missing.length < closest.missing.length) {
      await closeAll(closest);
      closest = offer;
    } else {
      await closeAll(offer);
    }
  }
  if (!closest) return err({ type: 'noPublisher', tried: candidates });
  await closeAll(closest);
  return err({ type: 'missingInterfaces', publisher: closest.discovery.publisher, missing: closest.missing, unreachable: closest.unreachable });
}

async function closeAll(offer: Offer | undefined): Promise<void> {
  await Promise.all(offer?.discovery.services.map((service) => service.connection.close()) ?? []);
}
