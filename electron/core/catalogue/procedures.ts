import type { KioskApi, KioskSnapshot, ServiceAvailability } from '../../contract';
import { KioskError } from '../../contract/errors';
import type { Readiness } from '../state/availability';
import type { ServiceCatalogueCache } from './catalogueCache';
import { DEFAULT_RULES } from '../../../common/rules';
import type { JourneyRunner } from '../journeys/runner';
import type { JourneyPorts } from '../journeys/ports';
import type { Logger } from '../log';
import type { Language } from '../../contract/session';
import { ServiceDesk } from './serviceDesk';

/** What availability reads from the catalogue: its services, and which of them this kiosk can run (a journey only when its code is here). */
function catalogueReadiness(cache: ServiceCatalogueCache, journeys: readonly string[]): Pick<Readiness, 'catalogue' | 'builtServices'> | null {
  const definitions = cache.definitions();
  if (!definitions) return null;
  const built = new Set(cache.current().services.filter((s) => s.kind !== 'journey' || journeys.includes(s.id)).map((s) => s.id));
  return { catalogue: definitions, builtServices: built };
}

type ServiceProcedures = Pick<KioskApi, 'getCatalogue' | 'startService' | 'serviceEvent' | 'closeService'>;

/** The catalogue's procedures: each refused outside a session, and a service the kiosk cannot offer now is refused as unavailable. */
export function serviceProcedures(
  cache: ServiceCatalogueCache | null,
  desk: ServiceDesk | null,
  kiosk: { inSession(): boolean; availability(id: string): ServiceAvailability | undefined; activity(): void; snapshot(): KioskSnapshot },
): ServiceProcedures {
  const ready = (): ServiceDesk => {
    if (!kiosk.inSession()) throw new KioskError('no_session', 'inquiries and forms run inside a session');
    if (!desk) throw new KioskError('unavailable', 'this kiosk offers no inquiries');
    return desk;
  };
  const acted = (): KioskSnapshot => {
    kiosk.activity();
    return kiosk.snapshot();
  };
  return {
    getCatalogue: async () => cache?.current() ?? { version: null, groups: [], services: [] },
    startService: async ({ service }) => {
      const engine = ready();
      const offered = kiosk.availability(service);
      if (!offered?.available) throw new KioskError('unavailable', `${service} is not available now (${offered?.reason ?? 'unknown'})`);
      engine.start(service);
      return acted();
    },
    serviceEvent: async (event) => {
      ready().send(event);
      return acted();
    },
    closeService: async () => {
      ready().close();
      return acted();
    },
  };
}

/**
 * The catalogue's engine for a government kiosk, and availability that
 * follows the catalogue central publishes (`readiness` now, `onReadiness`
 * at every new catalogue).
 */
export function wireServiceDesk(o: {
  catalogue: ServiceCatalogueCache;
  journeys: JourneyRunner;
  ports: JourneyPorts;
  log: Logger;
  language: () => Language | null;
  onChange: () => void;
  onReadiness: (change: Pick<Readiness, 'catalogue' | 'builtServices'>) => void;
}): { desk: ServiceDesk; readiness: Pick<Readiness, 'catalogue' | 'builtServices'> | null } {
  o.catalogue.onChange(() => {
    const change = catalogueReadiness(o.catalogue, o.journeys.services);
    if (change) o.onReadiness(change);
  });
  const desk = new ServiceDesk({
    catalogue: o.catalogue,
    ports: o.ports,
    citizenToken: () => o.journeys.citizenToken(),
    language: o.language,
    luhn: () => DEFAULT_RULES.idNumberLuhnCheck,
    log: o.log.child({ component: 'services' }),
    onChange: o.onChange,
  });
  return { desk, readiness: catalogueReadiness(o.catalogue, o.journeys.services) };
}
