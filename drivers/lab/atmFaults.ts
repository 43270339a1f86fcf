import { z } from 'zod';
import { GET_PIN_BLOCK_ERROR_CODES } from '../xfs4iot/interfaces/pinPad';
import { COMMANDS, type CommandName } from '../xfs4iot/messages';
import { SIMULATED_SERVICES, type SimulatedServiceName } from '../xfs4iot/simulator/faults';

/**
 * Faults the lab's ATM station can suffer, as `POST /atm/fault` and the dev
 * dock ask for them: the simulated ATM's (drivers/xfs4iot/simulator/faults.ts)
 * and the simulated bank host's availability. `none` puts everything right.
 */

export const ATM_FAULT_KINDS = ['serviceDown', 'dropConnections', 'noCompletion', 'cardJam', 'eppError', 'paperOut', 'bankDown', 'bankDrop', 'none'] as const;

export const ATM_SERVICES: readonly SimulatedServiceName[] = SIMULATED_SERVICES;
const service = z.enum(SIMULATED_SERVICES as readonly [SimulatedServiceName, ...SimulatedServiceName[]]);
const command = z.enum(Object.keys(COMMANDS) as [CommandName, ...CommandName[]]);

export const atmFaultRequestSchema = z.discriminatedUnion('kind', [
  /** The service refuses connections (HTTP 503) and drops the ones it has, until `none`. */
  z.object({ kind: z.literal('serviceDown'), service }).strict(),
  /** The service's open connections drop once; it takes new ones. */
  z.object({ kind: z.literal('dropConnections'), service }).strict(),
  /** The next command (of this name, or any) is acknowledged and never completed. */
  z.object({ kind: z.literal('noCompletion'), command: command.optional() }).strict(),
  /** The next card motion jams. */
  z.object({ kind: z.literal('cardJam') }).strict(),
  /** The next PIN block request fails (with this error code; `accessDenied` by default). */
  z.object({ kind: z.literal('eppError'), errorCode: z.enum(GET_PIN_BLOCK_ERROR_CODES).optional() }).strict(),
  z.object({ kind: z.literal('paperOut') }).strict(),
  /** The bank host answers 503 to every authorisation. */
  z.object({ kind: z.literal('bankDown') }).strict(),
  /** The bank host cuts every authorisation's connection before it answers. */
  z.object({ kind: z.literal('bankDrop') }).strict(),
  /** Every ATM fault cleared, the bank host up. */
  z.object({ kind: z.literal('none') }).strict(),
]);
export type AtmFaultRequest = z.infer<typeof atmFaultRequestSchema>;
