import { assign, emit, setup } from 'xstate';
import { defaultSpeechVolume } from '../../contract';
import type { Language, SessionEndReason, SpeechVolume } from '../../contract';

export interface SessionTiming {
  idleWarningAfterMs: number;
  idleCountdownMs: number;
  extensionsAllowed: number;
  sessionCapMs: number;
}

export interface SessionData {
  id: string;
  startedAt: number;
  extensionsUsed: number;
  warningEndsAt: number | null;
  language: Language;
  highContrast: boolean;
  largeText: boolean;
  speech: boolean;
  volume: SpeechVolume;
}

/** What the person may change about how the kiosk looks and sounds; each session starts from these. */
export type AccessibilityChange = Partial<Pick<SessionData, 'highContrast' | 'largeText' | 'speech' | 'volume'>>;

interface SessionContext {
  timing: SessionTiming;
  /** The clock the delays run on, so warningEndsAt agrees with it under a simulated clock. */
  now: () => number;
  /** null on the attract screen: nothing of a person is held between sessions. */
  session: SessionData | null;
}

type SessionEvent =
  | { type: 'START'; id: string; now: number }
  | { type: 'ACTIVITY' }
  | { type: 'EXTEND' }
  | { type: 'END'; reason: 'cancel' | 'completed' | 'referToStaff' }
  | { type: 'SET_LANGUAGE'; language: Language }
  | { type: 'SET_ACCESSIBILITY'; change: AccessibilityChange }
  /** New timings from central: they govern the next delay started, never cut short a running one. */
  | { type: 'CONFIGURE'; timing: SessionTiming };

export type SessionEmitted = { type: 'ended'; sessionId: string; reason: SessionEndReason };

/**
 * Named delays, exported so tests drive them with a simulated clock and the
 * configuration decides their length.
 */
const sessionDelays = {
  idleWarningAfter: ({ context }: { context: SessionContext }) => context.timing.idleWarningAfterMs,
  idleCountdown: ({ context }: { context: SessionContext }) => context.timing.idleCountdownMs,
  sessionCap: ({ context }: { context: SessionContext }) => context.timing.sessionCapMs,
} as const;

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as { timing: SessionTiming; now: () => number },
    emitted: {} as SessionEmitted,
  },
  delays: sessionDelays,
  guards: {
    canExtend: ({ context }) => (context.session?.extensionsUsed ?? Infinity) < context.timing.extensionsAllowed,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({ timing: input.timing, now: input.now, session: null }),
  initial: 'idle',
  on: { CONFIGURE: { actions: assign({ timing: ({ event }) => event.timing }) } },
  states: {
    idle: {
      on: {
        START: {
          target: 'inSession',
          actions: assign({
            session: ({ event }) => ({
              id: event.id,
              startedAt: event.now,
              extensionsUsed: 0,
              warningEndsAt: null,
              language: 'ar' as const,
              highContrast: false,
              largeText: false,
              speech: false,
              volume: defaultSpeechVolume,
            }),
          }),
        },
      },
    },
    inSession: {
      initial: 'active',
      after: {
        sessionCap: {
          target: 'idle',
          actions: [emit(({ context }) => ({ type: 'ended', sessionId: context.session?.id ?? '', reason: 'cap' }) as const), assign({ session: null })],
        },
      },
      on: {
        END: {
          target: 'idle',
          actions: [
            emit(({ context, event }): SessionEmitted => ({ type: 'ended', sessionId: context.session?.id ?? '', reason: event.reason })),
            assign({ session: null }),
          ],
        },
        SET_LANGUAGE: {
          actions: assign({ session: ({ context, event }) => context.session && { ...context.session, language: event.language } }),
        },
        SET_ACCESSIBILITY: {
          actions: assign({
            session: ({ context, event }) =>
              context.session && {
                ...context.session,
                highContrast: event.change.highContrast ?? context.session.highContrast,
                largeText: event.change.largeText ?? context.session.largeText,
                speech: event.change.speech ?? context.session.speech,
                volume: event.change.volume ?? context.session.volume,
              },
          }),
        },
      },
      states: {
        active: {
          after: { idleWarningAfter: 'warning' },
          on: { ACTIVITY: { target: 'active', reenter: true } },
        },
        warning: {
          entry: assign({
            session: ({ context }) => context.session && { ...context.session, warningEndsAt: context.now() + context.timing.idleCountdownMs },
          }),
          on: {
            EXTEND: {
              guard: 'canExtend',
              target: 'active',
              actions: assign({
                session: ({ context }) =>
                  context.session && { ...context.session, extensionsUsed: context.session.extensionsUsed + 1, warningEndsAt: null },
              }),
            },
          },
          after: {
            idleCountdown: {
              target: '#session.idle',
              actions: [emit(({ context }) => ({ type: 'ended', sessionId: context.session?.id ?? '', reason: 'timeout' }) as const), assign({ session: null })],
            },
          },
        },
      },
    },
  },
});

/** The machine's state values, written out: xstate does not infer them through `setup` here. */
type SessionStateValue = 'idle' | { inSession: 'active' | 'warning' };

export function sessionPhase(snapshot: { value: unknown }): 'idle' | 'active' | 'warning' {
  const value = snapshot.value as SessionStateValue;
  return value === 'idle' ? 'idle' : value.inSession;
}
