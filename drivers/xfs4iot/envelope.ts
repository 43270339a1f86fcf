import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';

/**
 * The XFS4IoT message envelope (CWA 17852 API §"Message definition"; DEVICES.md §6):
 * JSON `{header, payload?}` over a WebSocket, no sub-protocol. Values and
 * spelling follow the published schema as the KAL reference implementation
 * generates it (camelCase enums: `success`, `commandErrorCode`, `timeOut`…).
 */

const MESSAGE_TYPES = ['command', 'acknowledge', 'event', 'completion', 'unsolicited'] as const;

/** An acknowledge without a status accepts the command; with one it refuses it and no completion follows. */
export const ACK_STATUSES = ['invalidMessage', 'invalidRequestID', 'tooManyRequests'] as const;
export type AckStatus = (typeof ACK_STATUSES)[number];

export const COMPLETION_CODES = [
  'success',
  'commandErrorCode',
  'canceled',
  'deviceNotReady',
  'hardwareError',
  'internalError',
  'invalidCommand',
  'invalidRequestID',
  'timeOut',
  'unsupportedCommand',
  'invalidData',
  'userError',
  'unsupportedData',
  'fraudAttempt',
  'sequenceError',
  'authorisationRequired',
  'noCommandNonce',
  'invalidToken',
  'invalidTokenNonce',
  'invalidTokenHMAC',
  'invalidTokenFormat',
  'invalidTokenKeyNoValue',
  'notEnoughSpace',
] as const;
export type CompletionCode = (typeof COMPLETION_CODES)[number];

/** `CardReader.ReadRawData`: interface name, a dot, the message name. */
const MESSAGE_NAME = /^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*$/;
const VERSION = /^[0-9]+\.[0-9]+$/;

/** Some services write `null` for an absent property; the header reads the same either way. */
function withoutNulls(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

export const headerSchema = z.preprocess(
  withoutNulls,
  z
    .object({
      name: z.string().regex(MESSAGE_NAME),
      /** Chosen by the client, unique per connection, never 0; absent on unsolicited events. */
      requestId: z.number().int().positive().max(2 ** 31 - 1).optional(),
      type: z.enum(MESSAGE_TYPES),
      version: z.string().regex(VERSION),
      /** Commands only: how long the service may take, in ms; 0 waits for ever. */
      timeout: z.number().int().nonnegative().optional(),
      status: z.enum(ACK_STATUSES).optional(),
      completionCode: z.enum(COMPLETION_CODES).optional(),
      errorDescription: z.string().optional(),
    })
    .superRefine((header, context) => {
      const problem = (message: string): void => context.addIssue({ code: 'custom', message });
      // The KAL framework sends unsolicited events as type `event` without a requestId: read as unsolicited.
      if (header.requestId === undefined && header.type !== 'unsolicited' && header.type !== 'event') problem(`a ${header.type} needs a requestId`);
      if (header.type === 'completion' && header.completionCode === undefined) problem('a completion needs a completionCode');
      if (header.type !== 'completion' && (header.completionCode !== undefined || header.errorDescription !== undefined)) {
        problem('only a completion carries completionCode and errorDescription');
      }
      if (header.type !== 'command' && header.timeout !== undefined) problem('only a command carries a timeout');
      if (header.type !== 'acknowledge' && header.status !== undefined) problem('only an acknowledge carries a status');
    }),
);
export type Header = z.output<typeof headerSchema>;

export const payloadSchema = z.record(z.string(), z.unknown());
export type Payload = z.output<typeof payloadSchema>;

export const messageSchema = z.object({
  header: headerSchema,
  payload: z.preprocess((value) => (value === null ? undefined : value), payloadSchema.optional()),
});
export type Message = z.output<typeof messageSchema>;

type MessageParseError = { readonly type: 'notJson' } | { readonly type: 'badEnvelope'; readonly issues: string };

/** Reads one WebSocket text frame. */
export function parseMessage(text: string): Result<Message, MessageParseError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({ type: 'notJson' });
  }
  const parsed = messageSchema.safeParse(json);
  if (!parsed.success) return err({ type: 'badEnvelope', issues: z.prettifyError(parsed.error) });
  return ok(parsed.data);
}

/** One message as it goes on the wire; the header's optional properties appear only when set. */
export function serialiseMessage(message: Message): string {
  const header = Object.fromEntries(Object.entries(message.header).filter(([, v]) => v !== undefined));
  return JSON.stringify(message.payload === undefined ? { header } : { header, payload: message.payload });
}

export function commandMessage(name: string, requestId: number, version: string, timeout: number, payload?: Payload): Message {
  return { header: { name, requestId, type: 'command', version, timeout }, ...(payload === undefined ? {} : { payload }) };
}
