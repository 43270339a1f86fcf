import { z } from 'zod';

/**
 * The Common interface every service implements, and the service publisher's
 * one command. Only the properties the kiosk reads are named; the rest of a
 * real service's answer passes through unread (zod strips, never refuses).
 */

/** `common.device` in Common.Status. */
export const DEVICE_STATES = [
  'online',
  'offline',
  'powerOff',
  'noDevice',
  'hardwareError',
  'userError',
  'deviceBusy',
  'fraudAttempt',
  'potentialFraud',
  'starting',
] as const;
export type XfsDeviceState = (typeof DEVICE_STATES)[number];

/**
 * Interface names as the spec lists them under Common.Capabilities
 * `interfaces[].name`. The KAL framework writes them camelCase
 * (`cardReader`), the spec's table PascalCase (`CardReader`): both are read.
 */
export const INTERFACE_NAMES = ['Common', 'CardReader', 'Keyboard', 'PinPad', 'Crypto', 'KeyManagement', 'Printer', 'Storage', 'TextTerminal', 'Lights', 'Auxiliaries'] as const;
export type InterfaceName = (typeof INTERFACE_NAMES)[number];

const interfaceName = z.string().transform((name) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`);

export const empty = z.object({});

export const getServicesCompletion = z.object({
  vendorName: z.string().optional(),
  services: z.array(z.object({ serviceURI: z.string() })).default([]),
});

export const statusCommonPart = z.object({
  device: z.enum(DEVICE_STATES),
  devicePosition: z.enum(['inPosition', 'notInPosition', 'unknown']).optional(),
});

export const capabilitiesCompletion = z.object({
  interfaces: z.array(
    z.object({
      name: interfaceName,
      commands: z.record(z.string(), z.object({ versions: z.array(z.string()) })).optional(),
      events: z.record(z.string(), z.object({ versions: z.array(z.string()) })).optional(),
      maximumRequests: z.number().int().nonnegative().optional(),
    }),
  ),
  common: z
    .object({
      serviceVersion: z.string().optional(),
      deviceInformation: z.array(z.object({ modelName: z.string().optional(), serialNumber: z.string().optional() })).optional(),
    })
    .optional(),
});

export const cancelCommand = z.object({
  /** The commands to cancel; absent cancels every command this connection has outstanding. */
  requestIds: z.array(z.number().int().positive()).optional(),
});
export const CANCEL_ERROR_CODES = ['noMatchingRequestIDs'] as const;

export const setVersionsCommand = z.object({
  commands: z.record(z.string(), z.number().int().positive()).optional(),
  events: z.record(z.string(), z.number().int().positive()).optional(),
});
