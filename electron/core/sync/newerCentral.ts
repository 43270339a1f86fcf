import { z } from 'zod';
import { COMMAND_TYPES, commandSchema, outboxResultSchema } from '../../../common/wire/kiosk';
import { problemSchema } from '../../../common/wire/problem';
import { answerSchema } from './route';

/**
 * Where the kiosk reads central more widely than central writes: a fleet is
 * upgraded a kiosk at a time, so a newer central may already send a value
 * this kiosk does not know. Each reader is the route table's own schema with
 * one field opened; nothing else in the kiosk parses central's answers
 * differently from common/wire.
 */

/** A problem with a code this kiosk does not know is still central's considered refusal, not a garbled answer. */
export const problemAnswer = problemSchema.extend({ code: z.string() });
export type ProblemAnswer = z.infer<typeof problemAnswer>;

const knownCommandTypes: readonly string[] = COMMAND_TYPES;
/** Kept as an id and a type, so it is acknowledged as failed instead of poisoning every heartbeat. */
const unknownCommand = z.object({
  id: z.string().min(1).max(64),
  type: z.string().refine((type) => !knownCommandTypes.includes(type), 'a known command that does not parse'),
});
export const heartbeatAnswer = answerSchema('sendHeartbeat').extend({ commands: z.array(z.union([commandSchema, unknownCommand])) });
export type HeartbeatAnswer = z.infer<typeof heartbeatAnswer>;
export type HeartbeatCommand = HeartbeatAnswer['commands'][number];

/** An event refused for a reason this kiosk does not know is still refused for good (dead-lettered), not a batch retried for ever. */
const outboxResult = z.union([outboxResultSchema, z.object({ txId: z.string(), status: z.literal('rejected'), code: z.string(), detail: z.string() })]);
export const outboxAnswer = answerSchema('deliverOutbox').extend({ results: z.array(outboxResult) });
export type OutboxAnswer = z.infer<typeof outboxAnswer>;
