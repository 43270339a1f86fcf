import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { Clock } from '../../../common/time';
import type { PushedTechnician } from '../../../common/wire/technicians';
import type { TelemetryFact } from '../../../common/wire/telemetry';
import type { Language, MaintenanceAction } from '../../contract';
import { DEFAULT_TAKE_TIMEOUT_MS } from '../devices/cardSlot/device';
import type { KioskCore } from '../kiosk';
import type { Logger } from '../log';
import type { SyncService } from '../sync';
import type { TechnicianPinPad } from '../atm/ports';
import type { CardArrival } from '../atm/ports';
import { AtmTechnicianEntry } from './atmEntry';
import { TechnicianCardWatch, type WatchedCardSlot } from './cardWatch';
import { centralPinRefusal, type CentralPinCheck } from './centralPin';
import { MaintenanceDesk, normaliseTechnicianId } from './desk';
import type { LockoutBook } from './lockout';
import { checkOffline, type HeldTechnicianCard, LegacyVerifierRefusal } from './offlinePin';

;
export { lockoutsFromAudit } from './lockoutHistory';

interface MaintenanceOptions {
  core: KioskCore;
  clock: Clock;
  log: Logger;
  /** TelemetryRecorder.recordAs: the audit entry (naming `actor`) and the outbox event in one transaction. */
  record(fact: TelemetryFact, actor: string): Promise<unknown>;
  /** A government kiosk's card slot (null at an ATM: its technician cards come through `atm`). */
  cardSlot: WatchedCardSlot | null;
  /** Resolves when the last session's devices are cleared (a card handed back): the watch waits for it. */
  settled(): Promise<unknown>;
  /** Sync with central, once it runs. */
  sync(): SyncService | null;
  /** The log ring to central (the uploadLogs command's own work). */
  uploadLogs(): Promise<Result<void, string>>;
  /** The lockout counts so far (lockoutsFromAudit), so a restart forgets no wrong PIN. */
  lockout?: LockoutBook;
  /** Maintenance has let go of the kiosk (the technician left, the pad was closed): work that waits for an idle kiosk may run. */
  onIdle?: () => void;
  /** ATM mode: the EPP for the technician's PIN, and the ATM's card arrivals to look at before the journey does. */
  atm?: { pad: TechnicianPinPad; screenCards(screen: (next: CardArrival) => CardArrival): void } | null;
  /** Restarts the core (its supervisor brings it back); absent where nothing would. */
  restart?: () => void;
  /** An audit entry alone (no telemetry fact): a legacy offline hash refused (`maintenance.offlineVerifierRefused`). */
  audit?: (action: string, detail: { [key: string]: string | number | string[] }) => Promise<unknown>;
}

interface RunningMaintenance {
  desk: MaintenanceDesk;
  /** The technicians central pushed in configuration (their offline verifiers of PIN and card). */
  setTechnicians(technicians: readonly PushedTechnician[]): void;
  stop(): Promise<void>;
}

/** Maintenance mode on a running core: the desk, the technician card watch, the PIN checks and the actions. */
export function startMaintenance(options: MaintenanceOptions): RunningMaintenance {
  const { core, log } = options;
  let technicians: readonly PushedTechnician[] = [];
  // ── Technician card secret: the card held in the slot while its PIN pad is open (issue 13) ──
  let held: { technicianId: string; read: HeldTechnicianCard; release: () => void } | null = null;
  // The technician's language when the pad closes: "take your card" is said in it, after the visit has ended too.
  let technicianLanguage: Language = 'ar';
  const followHeldCard = (): void => {
    const phase = desk.view()?.phase;
    technicianLanguage = desk.view()?.language ?? technicianLanguage;
    // The technician switched language with the card at the slot: "take your card" follows.
    const cardBack = desk.cardBack;
    if (cardBack && cardBack.language !== technicianLanguage) desk.setCardBack({ ...cardBack, language: technicianLanguage });
    if (held && phase !== 'pin' && phase !== 'checking') {
      held.release();
      held = null;
    }
  };
  const legacyRefusal = new LegacyVerifierRefusal();
  // A heartbeat started after the change (one already in flight may have read the kiosk's state before it). Its
  // failure (the store closing as the core stops, say) is logged, never an unhandled rejection that ends the core.
  const recheck = (): void =>
    void options
      .sync()
      ?.freshHeartbeat()
      .catch((error: unknown) => log.warn({ event: 'maintenance.recheckFailed', error: error instanceof Error ? error.message : String(error) }, 'heartbeat after a maintenance change failed'));
  let pushed = (): void => undefined;
  // ATM mode: the technician card in the ATM's reader, the PIN on its EPP (atmEntry.ts).
  const atmEntry: AtmTechnicianEntry | null = options.atm
    ? new AtmTechnicianEntry({ desk: (): MaintenanceDesk => desk, pad: options.atm.pad, technicians: () => technicians, log: log.child({ component: 'maintenance' }), onChange: () => pushed() })
    : null;
  const desk: MaintenanceDesk = new MaintenanceDesk({
    clock: options.clock,
    log: log.child({ component: 'maintenance' }),
    inCustomerSession: () => core.customerSession,
    isOutOfService: () => core.outOfService,
    setTakenOver: (on) => {
      core.setMaintenance(on);
      // Central hears at once that the kiosk is (no longer) the technician's.
      recheck();
      if (!on) options.onIdle?.();
    },
    checkWithCentral: async (technicianId, pin): Promise<CentralPinCheck> => {
      const sync = options.sync();
      if (!sync || sync.reachable === false) return { outcome: 'unreachable' };
      const answer = typeof pin === 'string' ? await sync.verifyTechnicianPin(technicianId, pin) : await sync.verifyTechnicianPinBlock(technicianId, pin.eppBlock);
      if (answer.ok) return { outcome: 'verified', name: answer.value.name };
      return centralPinRefusal(answer.error);
    },
    offlineCheck: async (technicianId, pin) => {
      // An EPP's block is for central alone: the kiosk has no key for it, and no PIN.
      if (technicians.length === 0 || typeof pin !== 'string') return { outcome: 'cannotCheck' };
      // Only the card in the slot for this very pad (not the gesture, not the CLI) can be checked offline.
      const card = held && held.technicianId === technicianId && desk.view()?.entry === 'card' ? held.read : null;
      return checkOffline(technicians, technicianId, pin, card);
    },
    record: (fact, actor) => options.record(fact, actor),
    act: (action) => runAction(action),
    after: (action) => {
      if (action === 'restartCore') options.restart?.();
    },
    recheck,
    onChange: () => {
      pushed();
      atmEntry?.follow();
      followHeldCard();
    },
    ...(atmEntry ? { pinOnEpp: { eppEntry: () => atmEntry.view() } } : {}),
    ...(options.lockout ? { lockout: options.lockout } : {}),
  });

  async function runAction(action: MaintenanceAction): Promise<Result<void, string>> {
    const sync = options.sync();
    switch (action) {
      case 'outOfService':
      case 'inService':
        core.setOutOfService(action === 'outOfService');
        // Central hears it at once: the heartbeat carries the state, the action's own event follows through the outbox.
        recheck();
        return ok();
      case 'reloadUi':
        core.requestUiReload();
        return ok();
      case 'restartCore':
        return options.restart ? ok() : err('this kiosk’s core has no supervisor to restart it');
      case 'refreshConfig': {
        if (!sync) return err('sync with central is not running');
        const refreshed = await sync.refreshConfigNow();
        if (!refreshed.ok) return err(`configuration not fetched: ${refreshed.error.type}`);
        return refreshed.value.status === 'rejected' ? err(`configuration refused: ${refreshed.value.reasons.join('; ')}`) : ok();
      }
      case 'exportLogs':
        return options.uploadLogs();
    }
  }

  const watch = options.cardSlot
    ? new TechnicianCardWatch({
        slot: options.cardSlot,
        canWatch: () => desk.idle && !core.customerSession && core.snapshot().appState.state !== 'starting',
        onTechnicianCard: (technicianId, read) =>
          new Promise<void>((release) => {
            const id = normaliseTechnicianId(technicianId);
            if (id === null) return release();
            try {
              desk.requestEntry('card', technicianId);
            } catch (error) {
              log.warn({ event: 'maintenance.cardRefused', err: error }, 'technician card not taken for maintenance');
              return release();
            }
            technicianLanguage = 'ar';
            held = { technicianId: id, read, release };
            // The pad did not open (refused, or waiting for a customer): the card goes back now.
            followHeldCard();
          }),
        onCardBack: (state) => {
          const slot = options.cardSlot;
          if (state === 'atExit' && slot) {
            desk.setCardBack({ language: technicianLanguage, retainAfterMs: slot.takeTimeoutMs?.() ?? DEFAULT_TAKE_TIMEOUT_MS, since: options.clock.now() });
            log.info({ event: 'maintenance.cardBack' }, 'technician card at the slot: take your card');
            return;
          }
          desk.setCardBack(null);
          // A card not taken is retained as any card is: the slot reports and audits it (card.retained).
          log.info({ event: 'maintenance.cardBackDone', outcome: state }, 'technician card no longer at the slot');
        },
        log: log.child({ component: 'maintenance' }),
        clock: options.clock,
        settled: options.settled,
      })
    : null;
  pushed = () => core.maintenanceChanged();
  if (atmEntry) options.atm?.screenCards((next) => atmEntry.door(next));
  const detach = core.attachMaintenance(desk, () => watch?.update());
  const stopListening = core.onSessionEnded(() => desk.customerSessionEnded());
  return {
    desk,
    setTechnicians: (list) => {
      technicians = list;
      // A PIN-only hash (a central from before card secrets) is never checked: refused, audited once per list.
      const legacy = legacyRefusal.refusedIn(list);
      if (legacy) {
        log.warn({ event: 'maintenance.offlineVerifierRefused', technicians: legacy.length }, 'configuration carries PIN-only technician hashes: refused, no offline PIN check for them');
        void options.audit?.('maintenance.offlineVerifierRefused', { reason: 'pinOnlyHash', technicianIds: legacy }).catch(() => undefined);
      }
    },
    stop: async () => {
      held?.release();
      stopListening();
      detach();
      desk.stop();
      await watch?.stop();
    },
  };
}
