import { journeyOpening } from './machineTypes';
import { journeySetup } from './setup';
import type { JourneyStates } from './setup';

/**
 * A journey's machine: its context from the runner's input, its hand-off as output, `journey.wipe` from any state
 * into `wiped` (added here, so no journey can lack the state the wipe goes to), starting at `initial`.
 */
export function journeyMachine(id: string, initial: string, states: JourneyStates) {
  return journeySetup.createMachine({ id, ...journeyOpening, initial, states: { ...states, wiped: { type: 'final' } } });
}
