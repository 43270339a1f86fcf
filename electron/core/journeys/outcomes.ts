import type { z } from 'zod';
import { answerSchema } from '../sync';
import type { CitizenCallError } from '../sync';
import type { CentralOutcome } from './machineTypes';

/** What an invoked actor handed back (done events are not in the machine's event union). */
export function outputOf(event: unknown): unknown {
  return typeof event === 'object' && event !== null && 'output' in event ? event.output : undefined;
}

function isCentralOutcome(value: unknown): value is CentralOutcome {
  return typeof value === 'object' && value !== null && 'result' in value && 'clock' in value;
}

export function centralOutcome(event: unknown): CentralOutcome {
  const output = outputOf(event);
  if (!isCentralOutcome(output)) throw new Error('not a central outcome');
  return output;
}

/**
 * A successful call's answer, already parsed by callCitizen with its route's
 * schema: naming the schema here types it, and the check that it is that
 * route's schema keeps an action from reading another route's answer.
 */
export function answer<S extends z.ZodType>(event: unknown, schema: S): z.output<S> {
  const { route, result } = centralOutcome(event);
  if (!result.ok) throw new Error('answer read from a failed call');
  if ((answerSchema(route) as z.ZodType) !== schema) throw new Error(`${route} does not answer with that schema`);
  return result.value as z.output<S>;
}

export function problemOf(event: unknown): Extract<CitizenCallError, { type: 'problem' }> | null {
  const { result } = centralOutcome(event);
  return !result.ok && result.error.type === 'problem' ? result.error : null;
}

/** `seconds` after the answer arrived, on the core clock. */
export function afterAnswer(seconds: number, clock: CentralOutcome['clock']): number {
  return clock.core + seconds * 1000;
}
