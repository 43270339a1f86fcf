import { z } from 'zod';

/**
 * Keyboard: PinEntry (the PIN stays in the EPP), DataEntry (clear keys, used
 * here for the FDKs and Enter/Cancel/Clear), GetLayout, and their events.
 */

export const NUMERIC_KEYS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;

/** The key names the spec's KeyEvent pattern allows. */
const keyName = z
  .string()
  .regex(/^(?:zero|one|two|three|four|five|six|seven|eight|nine|[a-f]|enter|cancel|clear|backspace|help|decPoint|shift|doubleZero|tripleZero|fdk(?:0[1-9]|[12][0-9]|3[0-2])|oem[a-zA-Z0-9]*)$/);

const ENTRY_COMPLETIONS = ['auto', 'enter', 'cancel', 'continue', 'clear', 'backspace', 'fdk', 'help', 'fk', 'contFdk'] as const;

const activeKeys = z.record(keyName, z.object({ terminate: z.boolean().optional() }));

export const pinEntryCommand = z.object({
  minLen: z.number().int().nonnegative().optional(),
  maxLen: z.number().int().nonnegative().optional(),
  autoEnd: z.boolean().optional(),
  /** Replacement character for an EPP with its own display. */
  echo: z.string().optional(),
  activeKeys: activeKeys,
});

export const PIN_ENTRY_ERROR_CODES = ['keyInvalid', 'keyNotSupported', 'noActivekeys', 'noTerminatekeys', 'minimumLength', 'tooManyFrames', 'partialFrame', 'entryTimeout'] as const;

export const pinEntryCompletion = z.object({
  errorCode: z.string().optional(),
  /** How many digits are in the PIN buffer; never which. */
  digits: z.number().int().nonnegative().optional(),
  completion: z.enum(ENTRY_COMPLETIONS).optional(),
});

export const dataEntryCommand = z.object({
  maxLen: z.number().int().nonnegative().optional(),
  autoEnd: z.boolean().optional(),
  activeKeys: activeKeys,
});

export const DATA_ENTRY_ERROR_CODES = ['keyInvalid', 'keyNotSupported', 'noActivekeys'] as const;

const keyPressed = z.object({
  completion: z.enum(ENTRY_COMPLETIONS).optional(),
  /** Absent for the numeric keys during PIN entry: the EPP does not say which digit. */
  digit: keyName.optional(),
});

export const dataEntryCompletion = z.object({
  errorCode: z.string().optional(),
  keys: z.number().int().nonnegative().optional(),
  pinKeys: z.array(keyPressed).optional(),
  completion: z.enum(ENTRY_COMPLETIONS).optional(),
});

export const getLayoutCommand = z.object({ entryMode: z.enum(['data', 'pin', 'secure']).optional() });

const layoutKey = z.object({
  xPos: z.number().int().nonnegative(),
  yPos: z.number().int().nonnegative(),
  xSize: z.number().int().positive(),
  ySize: z.number().int().positive(),
  key: keyName,
  shiftKey: keyName.optional(),
});
const layoutFrame = z.object({
  xPos: z.number().int().nonnegative(),
  yPos: z.number().int().nonnegative(),
  xSize: z.number().int().positive(),
  ySize: z.number().int().positive(),
  float: z.object({ x: z.boolean(), y: z.boolean() }).optional(),
  keys: z.array(layoutKey),
});

export const getLayoutCompletion = z.object({
  errorCode: z.string().optional(),
  layout: z
    .object({
      data: z.array(layoutFrame).optional(),
      pin: z.array(layoutFrame).optional(),
      secure: z.array(layoutFrame).optional(),
    })
    .optional(),
});
export const GET_LAYOUT_ERROR_CODES = ['modeNotSupported'] as const;

/** Solicited during PinEntry and DataEntry. */
export const entryEvents = {
  /** The keyboard is ready: the person may start typing. */
  'Keyboard.EnterDataEvent': z.object({}),
  'Keyboard.KeyEvent': keyPressed,
} as const;
