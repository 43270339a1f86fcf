import { z } from 'zod';

/**
 * The CardReader interface: ReadRawData, Move, Reset and their events, as
 * the published schema names them. Card data travels as base64 bytes.
 */

/** Standard base64, as the spec's pattern allows (padding included). */
export const base64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);

const CARD_DATA_STATUSES = ['dataMissing', 'dataInvalid', 'dataTooLong', 'dataTooShort', 'dataSourceNotSupported', 'dataSourceMissing'] as const;

/** One track or chip answer: `data` when read, else a `status` saying why not. */
const cardData = z.object({
  status: z.enum(CARD_DATA_STATUSES).optional(),
  data: base64.optional(),
});

/** `exit`, `transport`, or a storage unit `unitN` (Storage.GetStorage's keys). */
const cardPosition = z.string().regex(/^(?:exit|transport|unit[0-9A-Za-z]+)$/);

export const readRawDataCommand = z.object({
  track1: z.boolean().optional(),
  track2: z.boolean().optional(),
  track3: z.boolean().optional(),
  chip: z.boolean().optional(),
  security: z.boolean().optional(),
  fluxInactive: z.boolean().optional(),
});

export const READ_RAW_DATA_ERROR_CODES = ['mediaJam', 'shutterFail', 'noMedia', 'invalidMedia', 'cardTooShort', 'cardTooLong', 'securityFail', 'cardCollision'] as const;

export const readRawDataCompletion = z.object({
  errorCode: z.string().optional(),
  track1: cardData.optional(),
  track2: cardData.optional(),
  track3: cardData.optional(),
  /** The chip's answer to reset, one entry per chip. */
  chip: z.array(cardData).optional(),
});

export const moveCommand = z.object({
  from: cardPosition.optional(),
  to: cardPosition,
});
export const MOVE_ERROR_CODES = ['mediaJam', 'shutterFail', 'noMedia', 'occupied', 'full', 'mediaRetained'] as const;

export const resetCommand = z.object({
  to: z.enum(['exit', 'retain', 'currentPosition', 'auto']).optional(),
  storageId: z.string().regex(/^unit[0-9A-Za-z]+$/).optional(),
});
export const RESET_ERROR_CODES = ['mediaJam', 'shutterFail', 'retainBinFull'] as const;

export const errorCodeOnly = z.object({ errorCode: z.string().optional() });

/** `cardReader` in Common.Status. */
export const cardReaderStatus = z.object({
  media: z.enum(['unknown', 'present', 'notPresent', 'jammed', 'entering', 'latched']).optional(),
  chipPower: z.enum(['unknown', 'online', 'busy', 'poweredOff', 'noDevice', 'hardwareError', 'noCard']).optional(),
});

/** Solicited during ReadRawData. */
export const readRawDataEvents = {
  /** The reader is ready for a card: the shutter is open. */
  'CardReader.InsertCardEvent': z.object({}),
  'CardReader.MediaInsertedEvent': z.object({}),
  'CardReader.InvalidMediaEvent': z.object({}),
} as const;

/** Unsolicited: the card was taken from the exit, or the reader moved it by itself (take timeout, power-on). */
export const cardReaderUnsolicited = {
  'CardReader.MediaRemovedEvent': z.object({}),
  'CardReader.CardActionEvent': z.object({
    to: cardPosition,
    from: z.string().regex(/^(?:unknown|exit|transport|unit[0-9A-Za-z]+)$/).optional(),
  }),
} as const;
