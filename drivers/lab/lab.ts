import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { CardSlotSimulatorOptions } from '../cardSlot/simulator';
import type { SimulatorOptions } from '../fingerprint/simulator';
import type { VirtualCard } from '../cardData/virtualCard';
import { type AtmStation, type AtmStationOptions, startAtmStation } from './atmStation';
import { buildCatalogue, type LabCardSummary, type LabPersonSummary } from './catalogue';
import { CardSlotStation } from './cardSlotStation';
import { labState, type LabControlState, startControlServer } from './controlApi';
import { FingerprintStation } from './fingerprintStation';
import { MagstripeStation } from './magstripeStation';
import { PrinterStation, type PrinterStationOptions } from './printerStation';
import { generatePopulation, type LabPopulation } from '../../common/demo/population';
import { PtyLine } from './ptyLine';

/**
 * The simulated lab: every simulator on its own pty pair (the device end is
 * the simulator's, the host end's path is handed out), the magstripe swipe
 * reader (a MagTek HID reader) in memory, the ESC/POS receipt printer on its
 * own pty pair, and the control API on 127.0.0.1.
 * With `atm`, also the ATM station (simulated XFS4IoT ATM and bank host).
 */

export const LAB_FINGERPRINT_BAUD = 57600;
const LAB_CARD_SLOT_BAUD = 38400;
export const LAB_PRINTER_BAUD = 115_200;
/** An 80 mm roll. */
export const LAB_PRINTER_WIDTH_DOTS = 576;

export interface LabOptions {
  /** Defaults to the shared demo population. */
  population?: LabPopulation;
  /** Where the pty links live; a temporary directory (removed on close) when absent. */
  directory?: string;
  /** Control API port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  fingerprint?: SimulatorOptions;
  cardSlot?: CardSlotSimulatorOptions;
  printer?: PrinterStationOptions;
  /** Run the ATM station too (`/atm/*` routes); its population is the lab's. */
  atm?: boolean | Omit<AtmStationOptions, 'log' | 'population'>;
  /** Where the ATM station logs; silent when absent. */
  log?: Logger;
}

export interface LabDevicePaths {
  readonly fingerprint: string;
  readonly cardSlot: string;
  readonly printer: string;
}

export interface Lab {
  readonly controlUrl: string;
  /** Host-side paths: what the kiosk's configuration names. */
  readonly devices: LabDevicePaths;
  readonly people: readonly LabPersonSummary[];
  readonly cards: readonly LabCardSummary[];
  /** In-process handles, for tests and the kiosk's demo mode. */
  readonly fingerprint: FingerprintStation;
  readonly cardSlot: CardSlotStation;
  readonly magstripe: MagstripeStation;
  readonly printer: PrinterStation;
  /** The ATM station, when the lab runs with one. */
  readonly atm: AtmStation | undefined;
  readonly population: LabPopulation;
  /** A lab card by id (see `cards`), to insert or swipe in-process. */
  card(id: string): VirtualCard | undefined;
  state(): LabControlState;
  close(): Promise<void>;
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const population = options.population ?? generatePopulation();
  const catalogue = buildCatalogue(population);
  const ownsDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'kiosk-lab-')));
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    if (ownsDirectory) await rm(directory, { recursive: true, force: true });
  };

  try {
    const fingerprintLine = await PtyLine.create(join(directory, 'fingerprint'), { baudRate: options.fingerprint?.baudRate ?? LAB_FINGERPRINT_BAUD });
    const fingerprint = await FingerprintStation.start(fingerprintLine, { baudRate: LAB_FINGERPRINT_BAUD, ...options.fingerprint });
    cleanups.push(() => fingerprint.close());

    const cardSlotBaud = options.cardSlot?.baudRate ?? LAB_CARD_SLOT_BAUD;
    const cardSlotLine = await PtyLine.create(join(directory, 'card-slot'), { baudRate: cardSlotBaud, dataBits: 8, parity: 'even', stopBits: 1 });
    const cardSlot = await CardSlotStation.start(cardSlotLine, { baudRate: cardSlotBaud, ...options.cardSlot });
    cleanups.push(() => cardSlot.close());

    const printerBaud = options.printer?.baudRate ?? LAB_PRINTER_BAUD;
    const printerLine = await PtyLine.create(join(directory, 'printer'), { baudRate: printerBaud, dataBits: 8, parity: 'none', stopBits: 1 });
    const printer = await PrinterStation.start(printerLine, { widthDots: LAB_PRINTER_WIDTH_DOTS, ...options.printer, baudRate: printerBaud });
    cleanups.push(() => printer.close());

    const magstripe = new MagstripeStation();
    cleanups.push(async () => magstripe.unplug());

    let atm: AtmStation | undefined;
    if (options.atm) {
      const atmOptions = options.atm === true ? {} : options.atm;
      const started = await startAtmStation({ ...atmOptions, population, log: options.log ?? pino({ level: 'silent' }) });
      atm = started;
      cleanups.push(() => started.close());
    }

    const stations = { fingerprint, cardSlot, magstripe, printer, atm };
    const server = await startControlServer(stations, catalogue, options.port ?? 0);
    cleanups.push(() => server.close());

    let closing: Promise<void> | undefined;
    return {
      controlUrl: server.url,
      devices: { fingerprint: fingerprint.hostPath, cardSlot: cardSlot.hostPath, printer: printer.hostPath },
      people: catalogue.people,
      cards: catalogue.cards,
      fingerprint,
      cardSlot,
      magstripe,
      printer,
      atm,
      population,
      card: (id) => catalogue.card(id),
      state: () => labState(stations),
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
