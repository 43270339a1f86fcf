import { atmServiceCatalogue, serviceCatalogue } from '../../contract';
import type { AppState, DeviceClass, DeviceStatus, DeviceStatuses, ServiceAvailability, ServiceDefinition } from '../../contract';
import type { KioskConfig } from '../config/schema';

export interface Readiness {
  started: boolean;
  outOfService: boolean;
  maintenance: boolean;
  devices: DeviceStatuses;
  /** null when the kiosk has no central configured (a bare demo). */
  centralReachable: boolean | null;
  /** Services whose journey is built; the rest are listed as not available yet. */
  builtServices: ReadonlySet<string>;
  /** The services this kiosk lists: the government catalogue unless said (an ATM lists its MOI e-services menu). */
  catalogue?: readonly ServiceDefinition[];
}

export function deriveServices(r: Readiness): ServiceAvailability[] {
  return (r.catalogue ?? serviceCatalogue).map(({ id, group, needsCentral, needsDevices }): ServiceAvailability => {
    const blocked = (reason: NonNullable<ServiceAvailability['reason']>): ServiceAvailability => ({ id, group, available: false, reason });
    // A technician at work is what the public is told, out of service or not.
    if (r.maintenance) return blocked('maintenance');
    if (r.outOfService) return blocked('outOfService');
    if (!r.builtServices.has(id)) return blocked('notBuilt');
    if (needsCentral && r.centralReachable !== true) return blocked('central');
    if (needsDevices.some((d) => r.devices[d] !== 'online' && r.devices[d] !== 'busy')) return blocked('hardware');
    return { id, group, available: true };
  });
}

/**
 * Kiosk-wide state. A kiosk is unavailable only when nobody could be served:
 * a single service's missing device or central only greys that service out.
 */
export function deriveAppState(r: Readiness, inSession: boolean): AppState {
  if (!r.started) return { state: 'starting' };
  if (r.maintenance) return { state: 'unavailable', reason: 'maintenance' };
  if (r.outOfService) return { state: 'unavailable', reason: 'outOfService' };
  const built = (r.catalogue ?? serviceCatalogue).filter((s) => r.builtServices.has(s.id));
  if (built.length > 0) {
    const services = deriveServices(r).filter((s) => r.builtServices.has(s.id));
    if (services.every((s) => !s.available)) {
      return { state: 'unavailable', reason: services.some((s) => s.reason === 'central') ? 'central' : 'hardware' };
    }
  }
  return inSession ? { state: 'active' } : { state: 'available' };
}

/**
 * Before the devices are probed: each configured device offline, the rest
 * absent; at an ATM the card slot and the printer are the ATM's, found over
 * XFS4IoT, and the EPP is the fourth device, and the menu is the ATM's.
 */
export function initialReadiness(config: KioskConfig, builtServices: Iterable<string>): Readiness {
  const configured = (d: DeviceClass): DeviceStatus => (config.devices[d] ? 'offline' : 'noDevice');
  const atmMode = config.mode === 'atm';
  return {
    started: false,
    outOfService: config.outOfService,
    maintenance: false,
    devices: atmMode
      ? { fingerprint: 'noDevice', cardSlot: 'offline', printer: 'offline', pinPad: 'offline' }
      : { fingerprint: configured('fingerprint'), cardSlot: configured('cardSlot'), printer: configured('printer') },
    centralReachable: config.central.url ? false : null,
    builtServices: new Set(builtServices),
    ...(atmMode ? { catalogue: atmServiceCatalogue } : {}),
  };
}
