import { ok, type Result } from '../../common/result';
import { type DiscoveryError, type DiscoveryOptions, discoverServices } from './discovery';
import type { InterfaceName } from './interfaces/common';
import type { UnsolicitedEvent } from './messages';
import { type ServiceOptions, XfsService } from './service';

export type { CommandOptions } from './connection';
export { XfsService } from './service';

/**
 * The kiosk as an XFS4IoT client: the services of one publisher, each on its
 * own connection that reconnects with backoff. Commands go to a service
 * (`client.service('CardReader')`), since Common and Storage commands mean
 * something different on each.
 */

export type XfsClientOptions = DiscoveryOptions & Omit<ServiceOptions, 'timings' | 'clock'>;

export class XfsClient {
  readonly publisher: string;
  readonly vendorName: string | undefined;
  readonly services: readonly XfsService[];

  private constructor(publisher: string, vendorName: string | undefined, services: readonly XfsService[]) {
    this.publisher = publisher;
    this.vendorName = vendorName;
    this.services = services;
  }

  /** Finds the publisher and connects to its services; one attempt (the caller decides when to try again). */
  static async connect(options: XfsClientOptions): Promise<Result<XfsClient, DiscoveryError>> {
    const found = await discoverServices(options);
    if (!found.ok) return found;
    const serviceOptions: ServiceOptions = {
      ...(options.reconnect ? { reconnect: options.reconnect } : {}),
      ...(options.timings ? { timings: options.timings } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.random ? { random: options.random } : {}),
    };
    const services = found.value.services.map(({ connection, interfaces }) => new XfsService(connection, interfaces, serviceOptions));
    return ok(new XfsClient(found.value.publisher, found.value.vendorName, services));
  }

  /** The first service implementing `name` (discovery made sure the needed ones exist). */
  service(name: InterfaceName): XfsService | undefined {
    return this.services.find((service) => service.implements(name));
  }

  /** Unsolicited events of every service, with the service that sent them. */
  onUnsolicited(listener: (event: UnsolicitedEvent, service: XfsService) => void): () => void {
    const unsubscribes = this.services.map((service) => service.onUnsolicited((event) => listener(event, service)));
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }

  async close(): Promise<void> {
    await Promise.all(this.services.map((service) => service.close()));
  }
}
