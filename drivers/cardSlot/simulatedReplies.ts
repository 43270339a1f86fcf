import { encodeNegative, encodePositive, type CardPosition, type CommandText, type SankyoErrorCode } from './text';

/**
 * What the simulated reader answers a command with. The link sends it only
 * once the command completes, and only then commits its change to the slot:
 * nothing is half-applied when a command is aborted or the cable pulled.
 */
export interface Reply {
  readonly text: Uint8Array;
  /** State change applied when the reply is committed. */
  readonly commit?: () => void;
  readonly delayMs: number;
  /**
   * A command that waits for the person (card entry, removal monitor): the
   * reply is known only when this settles; `undefined` when the host aborted.
   */
  readonly wait?: (signal: AbortSignal) => Promise<Reply | undefined>;
}

export interface PositiveOptions {
  readonly commit?: () => void;
  readonly data?: () => Uint8Array;
  readonly delayMs?: number;
  /** The pm to answer with when it is not the command's (ICC px). */
  readonly pm?: string;
}

/** A negative reply with a Sankyo error code, and the data some commands send with it (ATR, partial track). */
export function negativeReply(command: CommandText, code: SankyoErrorCode, delayMs = 0, data?: Uint8Array): Reply {
  return { text: encodeNegative(command.cm, command.pm, code, data), delayMs };
}

/**
 * A positive reply. `commit` changes the slot and `data` is produced only when
 * the command completes, and the position it carries is the one after the change.
 */
export function positiveReply(command: CommandText, position: () => CardPosition, options: PositiveOptions = {}): Reply {
  let built: Uint8Array | undefined;
  const build = (): Uint8Array => encodePositive(command.cm, options.pm ?? command.pm, position(), options.data?.());
  return {
    delayMs: options.delayMs ?? 0,
    commit: () => {
      options.commit?.();
      built = build();
    },
    get text(): Uint8Array {
      built ??= build();
      return built;
    },
  };
}

/** A reply that comes when `settle` says, or never when the host aborts first. */
export function waitingReply(settle: (signal: AbortSignal) => Promise<Reply | undefined>): Reply {
  return { text: new Uint8Array(0), delayMs: 0, wait: settle };
}

/** ASCII text as the reader sends it. */
export function textOf(value: string): Uint8Array {
  return Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff);
}
