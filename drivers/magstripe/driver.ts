import { createNanoEvents } from 'nanoevents';
import type { Result } from '../../common/result';
import type { HidTransport } from '../transport/types';
import { parseMagtekReport, REPORT_LENGTH, type MagtekReportError, type MagstripeSwipe } from './report';

/**
 * The MagTek HID swipe reader: every input report is one swipe. A report that
 * does not parse is still a swipe the person made, so it is passed on as a
 * typed error rather than dropped.
 */

type MagstripeStatus = 'online' | 'noDevice';

type SwipeListener = (swipe: Result<MagstripeSwipe, MagtekReportError>) => void;

export class MagstripeReader {
  readonly #transport: HidTransport;
  readonly #events = createNanoEvents<{ swipe: SwipeListener; status: (status: MagstripeStatus, error?: Error) => void }>();
  #status: MagstripeStatus;
  readonly #unsubscribe: (() => void)[];

  constructor(transport: HidTransport) {
    this.#transport = transport;
    this.#status = transport.isOpen ? 'online' : 'noDevice';
    this.#unsubscribe = [
      transport.onReport((report) => {
        const swipe = parseMagtekReport(normalizeReport(report));
        this.#events.emit('swipe', swipe);
      }),
      transport.onClose((error) => {
        this.#status = 'noDevice';
        this.#events.emit('status', 'noDevice', error);
      }),
    ];
  }

  get status(): MagstripeStatus {
    return this.#status;
  }

  onSwipe(listener: SwipeListener): () => void {
    return this.#events.on('swipe', listener);
  }

  /** Called once the device goes away (`error` set when it was unplugged rather than closed). */
  onStatusChange(listener: (status: MagstripeStatus, error?: Error) => void): () => void {
    return this.#events.on('status', listener);
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.#transport.close();
    this.#status = 'noDevice';
  }
}

/**
 * hidapi on Windows prefixes a report-id byte (0 for unnumbered reports); on
 * Linux hidraw it does not. Strip it so both look like DEVICES.md's 337 bytes.
 */
function normalizeReport(report: Uint8Array): Uint8Array {
  return report.length === REPORT_LENGTH + 1 && report[0] === 0 ? report.subarray(1) : report;
}
