import type { Result } from '../../../common/result';
import type { AtmJourneyPorts } from '../atm/ports';
import type { Raster } from '../../../drivers/printer/raster';
import type { DeviceStatus } from '../../contract/devices';
import type {
  CardHolderIdentity,
  CardSlotDeviceError,
  CaptureRequest,
  CapturePackage,
  CaptureSigner,
  FingerprintDeviceError,
  PrintDone,
  PrinterCondition,
  PrintFailure,
  RemovalOutcome,
} from '../devices';
import { DEFAULT_CAPTURE_TIMEOUT_MS } from '../devices';
import type { CitizenCall, CitizenCallError, CitizenRoute, RouteAnswer } from '../sync';

/**
 * What a journey may touch, and nothing else: central's citizen calls, the
 * card slot, the fingerprint reader, the kiosk key for signing captures, and
 * ids. Production binds these to SyncService and the DeviceManager; specs
 * bind them to the reference central and the lab, or to small fakes.
 */
export interface JourneyPorts {
  /** SyncService.callCitizen: online, retried with the same key, never queued. */
  callCitizen<K extends CitizenRoute>(call: CitizenCall<K>): Promise<Result<RouteAnswer<K>, CitizenCallError>>;
  /** The kiosk's transaction id: one per person's action, the Idempotency-Key of its call. */
  newTransactionId(): string;
  fingerprint: {
    capture(request: CaptureRequest): Promise<Result<CapturePackage, FingerprintDeviceError>>;
  };
  cardSlot: {
    /** A card left from an earlier session is put out of the way first (never read); `takeTimeoutMs` is its owner's time to take one at the gate. */
    waitForCard(request: { signal?: AbortSignal; timeoutMs?: number; takeTimeoutMs?: number }): Promise<Result<{ inserted: true }, CardSlotDeviceError>>;
    readIdentity(request: { signal?: AbortSignal }): Promise<Result<CardHolderIdentity, CardSlotDeviceError>>;
    returnCard(request: { signal?: AbortSignal; takeTimeoutMs?: number }): Promise<Result<RemovalOutcome, CardSlotDeviceError>>;
  };
  /** Signs a capture with the kiosk's certificate key (see captureSigner.ts). */
  signCapture: CaptureSigner;
  /** ATM mode: the ATM's card reader, EPP and printer, and the bank host (electron/core/atm). */
  atm?: AtmJourneyPorts;
  /** The receipt printer, for the receipt a result screen offers (never a step of a journey); absent: no receipts. */
  printer?: ReceiptPrinterPort;
}

/** What the receipt desk (electron/core/receipts/desk.ts) needs of the printer (electron/core/devices/printer). */
export interface ReceiptPrinterPort {
  readonly status: DeviceStatus;
  readonly widthDots: number;
  readonly condition: PrinterCondition;
  print(raster: Raster): Promise<Result<PrintDone, PrintFailure>>;
}

/** Timings a journey runs on; the defaults follow RULES.md and DEVICES.md, specs shorten them. */
export interface JourneyTimings {
  /** How long the slot waits for a card after "use my card". */
  cardWaitMs: number;
  /** How long a person has to take a returned card before it is retained (undefined: the device's own). */
  cardTakeMs?: number;
  /** The reader's own capture timeout. */
  captureMs: number;
  /** The machine's backstop over a capture the reader never ends. */
  captureBackstopMs: number;
}

export const defaultJourneyTimings: JourneyTimings = { cardWaitMs: 30_000, captureMs: DEFAULT_CAPTURE_TIMEOUT_MS, captureBackstopMs: DEFAULT_CAPTURE_TIMEOUT_MS + 5_000 };
