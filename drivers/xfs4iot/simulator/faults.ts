import type { FailureCode } from '../errors';
import type { CommandName } from '../messages';
import type { GET_PIN_BLOCK_ERROR_CODES } from '../interfaces/pinPad';

/**
 * What can go wrong with the simulated ATM, switched on by a spec, the lab or
 * the dev dock. `serviceDown` and `paperOut` last until cleared; the others
 * happen once ("next …") and switch themselves off.
 */

export type SimulatedServiceName = 'CardReader' | 'PinPad' | 'Printer';
export const SIMULATED_SERVICES: readonly SimulatedServiceName[] = ['CardReader', 'PinPad', 'Printer'];

export type AtmFault =
  /** The service refuses connections (HTTP 503) and drops the ones it has. */
  | { readonly type: 'serviceDown'; readonly service: SimulatedServiceName }
  /** The service's open connections are dropped once; it stays up and takes new ones. */
  | { readonly type: 'dropConnections'; readonly service: SimulatedServiceName }
  /** The next command (of this name, or any) is acknowledged and never completed. */
  | { readonly type: 'noCompletion'; readonly command?: CommandName }
  /** The next card motion jams: the card is stuck until a CardReader.Reset. */
  | { readonly type: 'cardJam' }
  /** The next PinPad.GetPinBlock fails with this error code, or this completion code. */
  | { readonly type: 'eppError'; readonly errorCode?: (typeof GET_PIN_BLOCK_ERROR_CODES)[number]; readonly completionCode?: FailureCode }
  | { readonly type: 'paperOut' };

export class AtmFaults {
  readonly #down = new Set<SimulatedServiceName>();
  #noCompletion: { command?: CommandName } | undefined;
  #jam = false;
  #eppError: Extract<AtmFault, { type: 'eppError' }> | undefined;
  paperOut = false;

  /** Applies a fault; `dropConnections` is an action, done by the caller. */
  set(fault: AtmFault): void {
    switch (fault.type) {
      case 'serviceDown':
        this.#down.add(fault.service);
        return;
      case 'noCompletion':
        this.#noCompletion = fault.command ? { command: fault.command } : {};
        return;
      case 'cardJam':
        this.#jam = true;
        return;
      case 'eppError':
        this.#eppError = fault;
        return;
      case 'paperOut':
        this.paperOut = true;
        return;
      case 'dropConnections':
        return;
    }
  }

  clear(): void {
    this.#down.clear();
    this.#noCompletion = undefined;
    this.#jam = false;
    this.#eppError = undefined;
    this.paperOut = false;
  }

  isDown(service: SimulatedServiceName): boolean {
    return this.#down.has(service);
  }

  bringUp(service: SimulatedServiceName): void {
    this.#down.delete(service);
  }

  /** Whether this command is the one left without a completion. */
  takeNoCompletion(command: CommandName): boolean {
    const due = this.#noCompletion !== undefined && (this.#noCompletion.command === undefined || this.#noCompletion.command === command);
    if (due) this.#noCompletion = undefined;
    return due;
  }

  takeJam(): boolean {
    const due = this.#jam;
    this.#jam = false;
    return due;
  }

  takeEppError(): Extract<AtmFault, { type: 'eppError' }> | undefined {
    const due = this.#eppError;
    this.#eppError = undefined;
    return due;
  }

  /** For the control API's state: what is switched on now. */
  active(): AtmFault[] {
    return [
      ...[...this.#down].map((service) => ({ type: 'serviceDown', service }) as const),
      ...(this.#noCompletion ? [{ type: 'noCompletion', ...this.#noCompletion } as const] : []),
      ...(this.#jam ? [{ type: 'cardJam' } as const] : []),
      ...(this.#eppError ? [this.#eppError] : []),
      ...(this.paperOut ? [{ type: 'paperOut' } as const] : []),
    ];
  }
}
