import type { z } from 'zod';
import type * as printer from '../interfaces/printer';
import type { Payload } from '../messages';
import type { AtmFaults } from './faults';
import { type CommandEnd, commandError, success } from './outcome';

/** The receipt printer: keeps every PrintRaw's bytes for the lab and specs to read back. */

type PrintRaw = z.output<typeof printer.printRawCommand>;

export class SimulatedPrinter {
  readonly printed: Uint8Array[] = [];
  readonly #faults: AtmFaults;

  constructor(faults: AtmFaults) {
    this.#faults = faults;
  }

  printRaw(request: PrintRaw): CommandEnd {
    if (this.#faults.paperOut) return commandError('paperOut', 'the receipt paper has run out');
    this.printed.push(Uint8Array.from(Buffer.from(request.data, 'base64')));
    return success(request.inputData === 'yes' ? { data: '' } : undefined);
  }

  status(): Payload {
    return {
      common: { device: 'online', devicePosition: 'inPosition' },
      printer: { media: 'notPresent', paper: { upper: this.#faults.paperOut ? 'out' : 'full' } },
    };
  }
}
