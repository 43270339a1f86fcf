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
}

/** A negative reply with a Sankyo error code. */
export function negativeReply(command: CommandText, code: SankyoErrorCode, delayMs = 0): Reply {
  return { text: encodeNegative(command.cm, command.pm, code), delayMs };
}

/**
 * A positive reply. `commit` changes the slot and `data` is produced only when
 * the command completes, and the position it carries is the one after the change.
 */
export function positiveReply(
  command: CommandText,
  position: () => CardPosition,
  commit?: () => void,
  data?: () => Uint8Array,
  delayMs = 0,
): Reply {
  let built: Uint8Array | undefined;
  const build = (): Uint8Array => encodePositive(command.cm, command.pm, position(), data?.());
  return {
    delayMs,
    commit: () => {
      commit?.();
      built = build();
    },
    get text(): Uint8Array {
      built ??= build();
      return built;
    },
  };
}

/** ASCII text as the reader sends it. */
export function textOf(value: string): Uint8Array {
  return Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff);
}
