import type { z } from 'zod';
import type { InterfaceName } from '../interfaces/common';
import { type CommandName, COMMANDS, type Payload } from '../messages';
import type { SimulatedCardReader } from './cardReader';
import type { SimulatedEpp } from './epp';
import type { SimulatedService } from './endpoint';
import { type CommandContext, type CommandEnd, failure, success } from './outcome';
import type { SimulatedPrinter } from './printer';

/**
 * The simulated ATM's services as the publisher lists them: each binds the
 * commands of its interfaces to one simulated device, plus the Common
 * commands every service answers from that device's state.
 */

const COMMON: readonly CommandName[] = ['Common.Status', 'Common.Capabilities', 'Common.SetVersions', 'Common.Cancel'];
const IMMEDIATE: ReadonlySet<CommandName> = new Set<CommandName>([...COMMON, 'Storage.GetStorage', 'Keyboard.GetLayout', 'ServicePublisher.GetServices']);

type Handlers = { readonly [N in CommandName]?: (payload: z.output<(typeof COMMANDS)[N]['payload']>, context: CommandContext) => CommandEnd | Promise<CommandEnd> };

function capabilities(interfaces: readonly InterfaceName[], commands: readonly CommandName[], extra: Payload): Payload {
  return {
    interfaces: interfaces.map((name) => ({
      name,
      commands: Object.fromEntries(commands.filter((command) => command.startsWith(`${name}.`)).map((command) => [command, { versions: [COMMANDS[command].version] }])),
      maximumRequests: 0,
    })),
    common: { serviceVersion: '1.0', deviceInformation: [{ modelName: 'Simulated ATM', serialNumber: 'SIM-0001' }] },
    ...extra,
  };
}

function service(name: string, interfaces: readonly InterfaceName[], status: () => Payload, extra: Payload, handlers: Handlers): SimulatedService {
  const own = Object.keys(handlers) as CommandName[];
  const commands = [...COMMON, ...own];
  const all: Handlers = {
    ...handlers,
    'Common.Status': () => success(status()),
    'Common.Capabilities': () => success(capabilities(interfaces, commands, extra)),
    'Common.SetVersions': () => success(),
  };
  return {
    name,
    interfaces,
    commands: new Set(commands),
    immediate: IMMEDIATE,
    async run(command, payload, context) {
      const handler = all[command] as ((payload: unknown, context: CommandContext) => CommandEnd | Promise<CommandEnd>) | undefined;
      return handler ? handler(payload, context) : failure('unsupportedCommand');
    },
  };
}

export function cardReaderService(reader: SimulatedCardReader): SimulatedService {
  return service(
    'CardReader',
    ['Common', 'CardReader', 'Storage'],
    () => reader.status(),
    { cardReader: { type: 'motor', readTracks: { track1: true, track2: true, track3: true }, chipProtocols: { chipT0: true, chipT1: true }, cardTakenSensor: true } },
    {
      'CardReader.ReadRawData': (payload, context) => reader.readRawData(payload, context),
      'CardReader.Move': (payload) => reader.move(payload),
      'CardReader.Reset': (payload) => reader.reset(payload),
      'Storage.GetStorage': () => success(reader.storage()),
    },
  );
}

export function eppService(epp: SimulatedEpp): SimulatedService {
  return service(
    'PinPad',
    // The audio jack sits beside the keypad: this service reports its sensor through Auxiliaries.
    ['Common', 'Keyboard', 'PinPad', 'Auxiliaries'],
    () => epp.status(),
    {
      pinPad: { pinFormats: { iso0: true, iso4: true } },
      keyboard: { autoBeep: { activeAvailable: false, inactiveAvailable: false } },
      auxiliaries: { enhancedAudioSensor: { manual: true, auto: false, semiAuto: false, bidirectional: false } },
    },
    {
      'Keyboard.GetLayout': () => success(epp.layout()),
      'Keyboard.PinEntry': (payload, context) => epp.pinEntry(payload, context),
      'Keyboard.DataEntry': (payload, context) => epp.dataEntry(payload, context),
      'PinPad.GetPinBlock': (payload) => epp.getPinBlock(payload),
    },
  );
}

export function printerService(printer: SimulatedPrinter): SimulatedService {
  return service('Printer', ['Common', 'Printer'], () => printer.status(), { printer: { type: { receipt: true } } }, {
    'Printer.PrintRaw': (payload) => printer.printRaw(payload),
  });
}

/** The publisher: GetServices names the services that are listed (a down service is still listed; it just does not answer). */
export function publisherService(vendorName: string, serviceUris: () => string[]): SimulatedService {
  return {
    name: '',
    interfaces: [],
    commands: new Set<CommandName>(['ServicePublisher.GetServices']),
    immediate: IMMEDIATE,
    async run(command) {
      if (command !== 'ServicePublisher.GetServices') return failure('unsupportedCommand');
      return success({ vendorName, services: serviceUris().map((serviceURI) => ({ serviceURI })) });
    },
  };
}

