import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import { type AckStatus, type CommandErrorCode, type CommandName, COMMANDS, type CompletionCode, type CompletionPayload, type Header, type Payload } from './messages';

/**
 * What a command can end in other than success, as values: each completion
 * code, each command's error codes, and what the client itself saw (a
 * refused acknowledge, a lost connection, no completion in time).
 */

/** Completion codes that are failures in their own right (`commandErrorCode` carries an errorCode instead). */
export type FailureCode = Exclude<CompletionCode, 'success' | 'commandErrorCode'>;

export type XfsError<N extends CommandName = CommandName> =
  /** completionCode `commandErrorCode`: the command's own reason (`mediaJam`, `keyNotFound`…); `unknown` for a code this client does not know. */
  | { readonly type: 'commandError'; readonly command: N; readonly errorCode: CommandErrorCode<N> | 'unknown'; readonly reported?: string; readonly description?: string }
  /** Any other completion code: `canceled`, `timeOut` (the service's own timeout), `hardwareError`, `deviceNotReady`… */
  | { readonly type: 'completion'; readonly command: N; readonly completionCode: FailureCode; readonly description?: string }
  /** The acknowledge refused the command; no completion follows. */
  | { readonly type: 'rejected'; readonly command: N; readonly status: AckStatus }
  /** The connection closed while the command was outstanding. */
  | { readonly type: 'connectionLost'; readonly command: N }
  /** No connection to the service right now (it is being re-established). */
  | { readonly type: 'notConnected'; readonly command: N }
  /** No completion arrived in time; the client sent Common.Cancel and stopped waiting. */
  | { readonly type: 'timeout'; readonly command: N; readonly afterMs: number }
  /** The caller's signal stopped it (the command was cancelled on the service). */
  | { readonly type: 'aborted'; readonly command: N }
  /** The completion's payload is not what the spec says. */
  | { readonly type: 'badReply'; readonly command: N; readonly detail: string };

export type XfsResult<N extends CommandName> = Result<CompletionPayload<N>, XfsError<N>>;

function knownErrorCode<N extends CommandName>(command: N, reported: string | undefined): CommandErrorCode<N> | 'unknown' {
  const codes: readonly string[] = COMMANDS[command].errorCodes;
  return reported !== undefined && codes.includes(reported) ? (reported as CommandErrorCode<N>) : 'unknown';
}

/** Reads a completion for `command` into its result. */
export function completionResult<N extends CommandName>(command: N, header: Header, payload: Payload | undefined): XfsResult<N> {
  const description = header.errorDescription === undefined ? {} : { description: header.errorDescription };
  const code = header.completionCode ?? 'internalError';
  if (code === 'commandErrorCode') {
    const reported = typeof payload?.errorCode === 'string' ? payload.errorCode : undefined;
    return err({ type: 'commandError', command, errorCode: knownErrorCode(command, reported), ...(reported === undefined ? {} : { reported }), ...description });
  }
  if (code !== 'success') return err({ type: 'completion', command, completionCode: code, ...description });
  const schema: z.ZodType = COMMANDS[command].completion;
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) return err({ type: 'badReply', command, detail: z.prettifyError(parsed.error) });
  return ok(parsed.data as CompletionPayload<N>);
}

/** One line for a log or a technician; never a payload (it may hold card data). */
export function describeXfsError(error: XfsError): string {
  switch (error.type) {
    case 'commandError':
      return `${error.command}: ${error.reported ?? error.errorCode}${error.description ? ` (${error.description})` : ''}`;
    case 'completion':
      return `${error.command}: ${error.completionCode}${error.description ? ` (${error.description})` : ''}`;
    case 'rejected':
      return `${error.command}: refused (${error.status})`;
    case 'timeout':
      return `${error.command}: no completion after ${error.afterMs} ms`;
    case 'badReply':
      return `${error.command}: malformed completion`;
    case 'connectionLost':
    case 'notConnected':
    case 'aborted':
      return `${error.command}: ${error.type}`;
  }
}
