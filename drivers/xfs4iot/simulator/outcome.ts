import type { AckStatus, CompletionCode, Message, Payload } from '../messages';

/**
 * What a simulated command ends in, and the messages a service sends. A
 * command that was stopped (Common.Cancel, its timeout, the client gone)
 * answers `aborted`; the endpoint turns that into the right completion code.
 */

export interface Outcome {
  readonly completionCode: CompletionCode;
  readonly payload?: Payload;
  readonly errorDescription?: string;
}

export type CommandEnd = Outcome | 'aborted';

export interface CommandContext {
  /** Aborts on Common.Cancel, on the header's timeout, and when the client's connection closes. */
  readonly signal: AbortSignal;
  /** A solicited event for this command. */
  emit(name: string, payload?: Payload): void;
}

export const success = (payload?: Payload): Outcome => ({ completionCode: 'success', ...(payload ? { payload } : {}) });

export const commandError = (errorCode: string, errorDescription?: string): Outcome => ({
  completionCode: 'commandErrorCode',
  payload: { errorCode },
  ...(errorDescription ? { errorDescription } : {}),
});

export const failure = (completionCode: Exclude<CompletionCode, 'success' | 'commandErrorCode'>, errorDescription?: string): Outcome => ({
  completionCode,
  ...(errorDescription ? { errorDescription } : {}),
});

/** Resolves `aborted` when the signal aborts, else whatever `subscribe` hands its callback; `subscribe` returns its unsubscribe. */
export function until<T>(signal: AbortSignal, subscribe: (done: (value: T) => void) => () => void): Promise<T | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    let settled = false;
    let release = (): void => undefined;
    const finish = (value: T | 'aborted'): void => {
      if (settled) return;
      settled = true;
      release();
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => finish('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    const unsubscribe = subscribe(finish);
    // `subscribe` may have called back at once.
    if (settled) unsubscribe();
    else release = unsubscribe;
  });
}

const VERSION = '2.0';

export function acknowledge(name: string, requestId: number, status?: AckStatus): Message {
  return { header: { name, requestId, type: 'acknowledge', version: VERSION, ...(status ? { status } : {}) } };
}

export function solicitedEvent(name: string, requestId: number, payload?: Payload): Message {
  return { header: { name, requestId, type: 'event', version: VERSION }, ...(payload ? { payload } : {}) };
}

export function completion(name: string, requestId: number, outcome: Outcome): Message {
  return {
    header: {
      name,
      requestId,
      type: 'completion',
      version: VERSION,
      completionCode: outcome.completionCode,
      ...(outcome.errorDescription ? { errorDescription: outcome.errorDescription } : {}),
    },
    ...(outcome.payload ? { payload: outcome.payload } : {}),
  };
}

export function unsolicited(name: string, payload?: Payload): Message {
  return { header: { name, type: 'unsolicited', version: VERSION }, ...(payload ? { payload } : {}) };
}
