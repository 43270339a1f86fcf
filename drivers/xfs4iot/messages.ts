import { z } from 'zod';
import * as auxiliaries from './interfaces/auxiliaries';
import * as cardReader from './interfaces/cardReader';
import * as common from './interfaces/common';
import * as keyboard from './interfaces/keyboard';
import * as pinPad from './interfaces/pinPad';
import * as printer from './interfaces/printer';
import * as storage from './interfaces/storage';

export * from './envelope';

/**
 * Every command the kiosk sends, with the schema of its payload, of its
 * completion's payload and of each solicited event it may bring, the
 * command's error codes (a completion's `errorCode` when its completionCode
 * is `commandErrorCode`) and the message version sent in the header. Both the
 * client and the simulator read their payloads through these; the types the
 * client returns are derived from them.
 */

interface CommandSpec {
  readonly interface: common.InterfaceName | 'ServicePublisher';
  /** Header `version`: the major version of the command as the spec publishes it. */
  readonly version: string;
  readonly payload: z.ZodType;
  readonly completion: z.ZodType;
  readonly errorCodes: readonly string[];
  readonly events: Readonly<Record<string, z.ZodType>>;
}

const statusCompletion = z.object({
  common: common.statusCommonPart,
  cardReader: cardReader.cardReaderStatus.optional(),
  keyManagement: pinPad.keyManagementStatus.optional(),
  printer: printer.printerStatus.optional(),
  auxiliaries: auxiliaries.auxiliariesStatus.optional(),
});

const none = [] as const;
const noEvents = {} as const;

export const COMMANDS = {
  'ServicePublisher.GetServices': {
    interface: 'ServicePublisher',
    version: '2.0',
    payload: common.empty,
    completion: common.getServicesCompletion,
    errorCodes: none,
    events: noEvents,
  },
  'Common.Status': { interface: 'Common', version: '2.0', payload: common.empty, completion: statusCompletion, errorCodes: none, events: noEvents },
  'Common.Capabilities': {
    interface: 'Common',
    version: '2.0',
    payload: common.empty,
    completion: common.capabilitiesCompletion,
    errorCodes: none,
    events: noEvents,
  },
  'Common.SetVersions': {
    interface: 'Common',
    version: '2.0',
    payload: common.setVersionsCommand,
    completion: common.empty,
    errorCodes: none,
    events: noEvents,
  },
  'Common.Cancel': {
    interface: 'Common',
    version: '2.0',
    payload: common.cancelCommand,
    completion: cardReader.errorCodeOnly,
    errorCodes: common.CANCEL_ERROR_CODES,
    events: noEvents,
  },
  'Storage.GetStorage': {
    interface: 'Storage',
    version: '2.0',
    payload: common.empty,
    completion: storage.getStorageCompletion,
    errorCodes: none,
    events: noEvents,
  },
  'CardReader.ReadRawData': {
    interface: 'CardReader',
    version: '2.0',
    payload: cardReader.readRawDataCommand,
    completion: cardReader.readRawDataCompletion,
    errorCodes: cardReader.READ_RAW_DATA_ERROR_CODES,
    events: cardReader.readRawDataEvents,
  },
  'CardReader.Move': {
    interface: 'CardReader',
    version: '2.0',
    payload: cardReader.moveCommand,
    completion: cardReader.errorCodeOnly,
    errorCodes: cardReader.MOVE_ERROR_CODES,
    events: noEvents,
  },
  'CardReader.Reset': {
    interface: 'CardReader',
    version: '2.0',
    payload: cardReader.resetCommand,
    completion: cardReader.errorCodeOnly,
    errorCodes: cardReader.RESET_ERROR_CODES,
    events: noEvents,
  },
  'Keyboard.GetLayout': {
    interface: 'Keyboard',
    version: '2.0',
    payload: keyboard.getLayoutCommand,
    completion: keyboard.getLayoutCompletion,
    errorCodes: keyboard.GET_LAYOUT_ERROR_CODES,
    events: noEvents,
  },
  'Keyboard.PinEntry': {
    interface: 'Keyboard',
    version: '2.0',
    payload: keyboard.pinEntryCommand,
    completion: keyboard.pinEntryCompletion,
    errorCodes: keyboard.PIN_ENTRY_ERROR_CODES,
    events: keyboard.entryEvents,
  },
  'Keyboard.DataEntry': {
    interface: 'Keyboard',
    version: '2.0',
    payload: keyboard.dataEntryCommand,
    completion: keyboard.dataEntryCompletion,
    errorCodes: keyboard.DATA_ENTRY_ERROR_CODES,
    events: keyboard.entryEvents,
  },
  'PinPad.GetPinBlock': {
    interface: 'PinPad',
    version: '2.0',
    payload: pinPad.getPinBlockCommand,
    completion: pinPad.getPinBlockCompletion,
    errorCodes: pinPad.GET_PIN_BLOCK_ERROR_CODES,
    events: noEvents,
  },
  'Printer.PrintRaw': {
    interface: 'Printer',
    version: '3.0',
    payload: printer.printRawCommand,
    completion: printer.printRawCompletion,
    errorCodes: printer.PRINT_RAW_ERROR_CODES,
    events: noEvents,
  },
} as const satisfies Record<string, CommandSpec>;

const statusChangedEvent = z.object({
  common: common.statusCommonPart.partial().optional(),
  cardReader: cardReader.cardReaderStatus.optional(),
  keyManagement: pinPad.keyManagementStatus.optional(),
  printer: printer.printerStatus.optional(),
  auxiliaries: auxiliaries.auxiliariesStatus.optional(),
});

/** Unsolicited events the kiosk listens to; others are dropped unread. */
export const UNSOLICITED = {
  ...cardReader.cardReaderUnsolicited,
  'Common.StatusChangedEvent': statusChangedEvent,
} as const;

type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
export type CommandPayload<N extends CommandName> = z.input<Commands[N]['payload']>;
export type CompletionPayload<N extends CommandName> = z.output<Commands[N]['completion']>;
export type CommandErrorCode<N extends CommandName> = Commands[N]['errorCodes'][number];
type EventsOf<N extends CommandName> = Commands[N]['events'];
export type SolicitedEvent<N extends CommandName> = {
  [E in keyof EventsOf<N>]: { readonly name: E; readonly payload: EventsOf<N>[E] extends z.ZodType ? z.output<EventsOf<N>[E]> : never };
}[keyof EventsOf<N>];
export type UnsolicitedName = keyof typeof UNSOLICITED;
export type UnsolicitedEvent = {
  [E in UnsolicitedName]: { readonly name: E; readonly payload: z.output<(typeof UNSOLICITED)[E]> };
}[UnsolicitedName];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function isUnsolicitedName(name: string): name is UnsolicitedName {
  return Object.hasOwn(UNSOLICITED, name);
}

/** The schema of an event a command may bring, if it is one of its events. */
export function eventSchemaOf(command: CommandName, event: string): z.ZodType | undefined {
  const events: Readonly<Record<string, z.ZodType>> = COMMANDS[command].events;
  return Object.hasOwn(events, event) ? events[event] : undefined;
}

