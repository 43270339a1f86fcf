import type { AnyJourneyService, AtmJourneyView, AtmKeyPress, JourneyView, KioskSnapshot, MaintenanceCardBack, MaintenanceView, ReceiptOffer, ServiceView } from '../../contract';
import type { KioskConfig } from '../config/schema';
import type { SessionData } from '../session/machine';
import { deriveAppState, deriveServices } from './availability';
import type { Readiness } from './availability';

/** Everything the renderer's snapshot is made of, as KioskCore holds it. */
interface SnapshotParts {
  readonly revision: number;
  readonly now: number;
  readonly config: KioskConfig;
  readonly readiness: Readiness;
  readonly sync: { lastContactAt: number | null; queueDepth: number; deadLetters: number; configVersion: string | null };
  readonly session: SessionData | null;
  readonly sessionPhase: 'idle' | 'active' | 'warning';
  readonly journey: JourneyView<AnyJourneyService> | null;
  /** ATM mode: the newest key pressed beside the screen. */
  readonly atmKey: AtmKeyPress | null;
  readonly receipt: { receipt?: ReceiptOffer };
  /** Maintenance mode's view while a technician is at the PIN pad or signed in. */
  readonly maintenance: MaintenanceView | null;
  /** The technician's card handed back and not yet taken ("take your card"). */
  readonly maintenanceCard?: MaintenanceCardBack | null;
  /** Government mode with a catalogue: the inquiry or form on screen, and the catalogue's version. */
  readonly service: { view: ServiceView | null; catalogueVersion: string | null } | null;
}

const isAtmView = (view: JourneyView<AnyJourneyService>): view is AtmJourneyView => view.service === 'atm';
const isGovernmentView = (view: JourneyView<AnyJourneyService>): view is JourneyView => view.service !== 'atm';

/** The kiosk as the renderer sees it: what it may show and offer now, and nothing of the person beyond their own session's settings and journey view. */
export function composeSnapshot(parts: SnapshotParts): KioskSnapshot {
  const { config, readiness, session: s, journey: view } = parts;
  return {
    revision: parts.revision,
    now: parts.now,
    profile: config.profile,
    mode: config.mode,
    appState: deriveAppState(readiness, s !== null),
    session: s && {
      id: s.id,
      phase: parts.sessionPhase === 'warning' ? 'warning' : 'active',
      startedAt: s.startedAt,
      warningEndsAt: s.warningEndsAt,
      extensionsUsed: s.extensionsUsed,
      extensionsAllowed: config.session.extensionsAllowed,
      language: s.language,
      highContrast: s.highContrast,
      largeText: s.largeText,
      speech: s.speech,
      volume: s.volume,
    },
    devices: { ...readiness.devices },
    central: { reachable: readiness.centralReachable === true, ...parts.sync },
    services: deriveServices(readiness),
    journey: view && isGovernmentView(view) ? view : null,
    ...(config.mode === 'atm' ? { atmJourney: view && isAtmView(view) ? view : null, atmKey: parts.atmKey } : {}),
    ...parts.receipt,
    ...(parts.maintenance ? { maintenance: parts.maintenance } : {}),
    ...(parts.maintenanceCard ? { maintenanceCard: parts.maintenanceCard } : {}),
    ...(parts.service ? { service: parts.service.view, catalogueVersion: parts.service.catalogueVersion } : {}),
    branding: config.branding,
    timing: {
      idleWarningAfterMs: config.session.idleWarningAfterMs,
      idleCountdownMs: config.session.idleCountdownMs,
      sessionCapMs: config.session.sessionCapMs,
    },
  };
}
