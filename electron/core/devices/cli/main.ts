import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import pino from 'pino';
import type { Logger } from 'pino';
import { assertNever } from '../../../../common/result';
import { sleep } from '../../../../common/time';
import { type Lab, startLab } from '../../../../drivers/lab/lab';
import { MAGTEK_HID_PRODUCT_ID, MAGTEK_VENDOR_ID } from '../../../../drivers/magstripe/report';
import { createLogger } from '../../log';
import {
  type CardHolderIdentity,
  type CardSlotDeviceError,
  type ConnectionChange,
  DeviceManager,
  type FingerprintDeviceError,
  type PersonGuidance,
} from '..';

/**
 * `npm run devices -- <command>`: a technician's look at the kiosk's devices,
 * real or simulated (`--lab`). Never prints a template or a full PAN.
 */

const HELP = `Usage: npm run devices -- <command> [options]

Commands:
  list                          Show the device paths in use, serial ports and MagTek swipe readers found
  probe <fingerprint|cardSlot>  Connect, run the handshake, show status and system parameters
  capture                       Capture one fingerprint (shows quality and device id, never the template)
  read-card                     Wait for a card, read it and show whose it is (card numbers masked)
  eject                         Give back the card in the slot and wait until it is taken (or retained)

Options:
  --fingerprint PATH    Fingerprint reader port (default 57600 baud)
  --card-slot PATH      Card slot port (default 38400 baud, 8E1)
  --baud N              Baud rate for the device the command uses
  --lab                 Start the simulated lab in this process and use its devices;
                        capture places a demo finger, read-card inserts a demo ID card
  --timeout MS          How long to wait for the device, a finger or a card (default 20000)
  --take-timeout MS     How long a person has to take an ejected card (default 30000)
  --json                One JSON object on stdout instead of text
  --verbose             Logs to stderr
  -h, --help            This text

Exit codes:
  0  ok
  2  usage error
  3  device not found, unplugged or not answering
  4  device error (refused, jammed, unreadable card, …)
  5  timeout (no finger, no card, or the device took too long)
`;

const EXIT = { ok: 0, usage: 2, notFound: 3, deviceError: 4, timeout: 5 } as const;
type ExitCode = (typeof EXIT)[keyof typeof EXIT];

type Report = Record<string, unknown>;

class UsageError extends Error {}

interface Options {
  command: 'list' | 'probe' | 'capture' | 'read-card' | 'eject';
  target: 'fingerprint' | 'cardSlot' | undefined;
  fingerprint: string | undefined;
  cardSlot: string | undefined;
  baud: number | undefined;
  lab: boolean;
  timeoutMs: number;
  takeTimeoutMs: number;
  json: boolean;
  verbose: boolean;
}

function positiveInteger(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${what} must be a positive whole number, not "${text}"`);
  return value;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      fingerprint: { type: 'string' },
      'card-slot': { type: 'string' },
      baud: { type: 'string' },
      lab: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'take-timeout': { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const [command, target, ...extra] = positionals;
  if (command !== 'list' && command !== 'probe' && command !== 'capture' && command !== 'read-card' && command !== 'eject') {
    throw new UsageError(command === undefined ? 'a command is needed' : `unknown command "${command}"`);
  }
  let device: Options['target'];
  if (command === 'probe') {
    if (target !== 'fingerprint' && target !== 'cardSlot' && target !== 'card-slot') throw new UsageError('probe needs a device: fingerprint or cardSlot');
    device = target === 'fingerprint' ? 'fingerprint' : 'cardSlot';
    if (extra.length > 0) throw new UsageError(`unexpected "${extra.join(' ')}"`);
  } else if (target !== undefined) {
    throw new UsageError(`unexpected "${[target, ...extra].join(' ')}"`);
  }
  return {
    command,
    target: device ?? (command === 'capture' ? 'fingerprint' : command === 'list' ? undefined : 'cardSlot'),
    fingerprint: values.fingerprint,
    cardSlot: values['card-slot'],
    baud: values.baud === undefined ? undefined : positiveInteger(values.baud, '--baud', 1),
    lab: values.lab,
    timeoutMs: positiveInteger(values.timeout, '--timeout', 20_000),
    takeTimeoutMs: positiveInteger(values['take-timeout'], '--take-timeout', 30_000),
    json: values.json,
    verbose: values.verbose,
  };
}

/** What a failure means to the person running the tool, and the exit code for it. */
function exitFor(error: FingerprintDeviceError | CardSlotDeviceError): { code: ExitCode; message: string } {
  switch (error.type) {
    case 'unavailable':
      return { code: EXIT.notFound, message: `the device is ${error.status}` };
    case 'disconnected':
      return { code: EXIT.notFound, message: 'the device was unplugged' };
    case 'noAnswer':
      return { code: EXIT.notFound, message: 'the device stopped answering' };
    case 'timeout':
      return { code: EXIT.timeout, message: 'nothing happened in time' };
    case 'aborted':
      return { code: EXIT.deviceError, message: 'stopped' };
    case 'busy':
      return { code: EXIT.deviceError, message: 'the device is busy' };
    case 'poorQuality':
      return { code: EXIT.deviceError, message: 'the fingerprint images were too poor to use' };
    case 'noCard':
      return { code: EXIT.deviceError, message: 'there is no card in the slot' };
    case 'jammed':
      return { code: EXIT.deviceError, message: 'the card is jammed' };
    case 'binFull':
      return { code: EXIT.deviceError, message: 'the retain bin is full' };
    case 'cardError':
      return { code: EXIT.deviceError, message: `card error ${error.code}: ${error.message}` };
    case 'deviceError':
      return { code: EXIT.deviceError, message: `device error: ${error.detail}` };
  }
}

function connectionFailure(change: ConnectionChange): { code: ExitCode; message: string } | undefined {
  if (change.kind === 'connected') return undefined;
  switch (change.reason) {
    case 'notConfigured':
      return { code: EXIT.usage, message: 'no port given for this device (use --fingerprint, --card-slot or --lab)' };
    case 'portMissing':
      return { code: EXIT.notFound, message: 'the port does not exist (unplugged?)' };
    case 'handshakeRefused':
      return { code: EXIT.deviceError, message: 'the device refused the handshake (password or address?)' };
    case 'noAnswer':
      return { code: EXIT.notFound, message: 'nothing answered on the port (wrong port or baud rate?)' };
    default:
      return { code: EXIT.notFound, message: `could not connect (${change.reason})` };
  }
}

function describeIdentity(identity: CardHolderIdentity): Report {
  switch (identity.kind) {
    case 'nationalId':
    case 'iqama':
      return { card: identity.kind === 'iqama' ? 'Iqama' : 'National ID', idNumber: identity.idNumber, expiry: identity.expiry, expired: identity.expired };
    case 'bank':
      return {
        card: 'Bank card',
        pan: identity.maskedPan,
        expiry: identity.expiry,
        expired: identity.expired,
        ...(identity.cardholderName ? { name: `${identity.cardholderName.given} ${identity.cardholderName.surname}`.trim() } : {}),
      };
    case 'technician':
      return { card: 'Technician card', technicianId: identity.technicianId };
    case 'unreadable':
      return { card: 'Unreadable', reason: identity.reason };
  }
}

const GUIDANCE_TEXT: Record<PersonGuidance, string> = {
  placeFinger: 'Place a finger on the reader…',
  holdStill: 'Hold still…',
  liftAndPlaceAgain: 'Lift the finger and place it again…',
  poorQuality: 'The image was poor; trying again…',
  captured: 'Captured.',
};

class Output {
  readonly #json: boolean;
  readonly report: Report = {};
  constructor(json: boolean) {
    this.#json = json;
  }
  say(line: string): void {
    if (!this.#json) process.stdout.write(`${line}\n`);
  }
  /** `shown` is the text form when it differs from the JSON value. */
  field(label: string, key: string, value: unknown, shown = String(value)): void {
    this.report[key] = value;
    this.say(`  ${label.padEnd(20)} ${shown}`);
  }
  finish(code: ExitCode, message?: string): ExitCode {
    if (this.#json) process.stdout.write(`${JSON.stringify({ ok: code === EXIT.ok, exitCode: code, ...(message ? { error: message } : {}), ...this.report })}\n`);
    else if (message) process.stderr.write(`error: ${message}\n`);
    return code;
  }
}

async function run(options: Options, out: Output, log: Logger, signal: AbortSignal): Promise<ExitCode> {
  let lab: Lab | undefined;
  let devices: DeviceManager | undefined;
  try {
    if (options.lab) {
      lab = await startLab();
      out.say(`Simulated lab started (control API ${lab.controlUrl}).`);
      out.report.lab = { control: lab.controlUrl };
    }
    const fingerprintPath = options.fingerprint ?? lab?.devices.fingerprint;
    const cardSlotPath = options.cardSlot ?? lab?.devices.cardSlot;
    const baudFor = (device: 'fingerprint' | 'cardSlot', fallback: number): number => (options.target === device ? (options.baud ?? fallback) : fallback);

    if (options.command === 'list') return await list(out, fingerprintPath, cardSlotPath);

    const uses = options.target;
    devices = new DeviceManager({
      config: {
        fingerprint: uses === 'fingerprint' && fingerprintPath ? { path: fingerprintPath, baudRate: baudFor('fingerprint', 57600), noModemLines: true } : null,
        // dontMove: probing must never swallow a card a technician left in the slot.
        cardSlot:
          uses === 'cardSlot' && cardSlotPath
            ? { path: cardSlotPath, baudRate: baudFor('cardSlot', 38400), noModemLines: true, initializeAtStart: 'dontMove', takeTimeoutMs: options.takeTimeoutMs }
            : null,
        magstripe: null,
      },
      log,
      // One attempt is all a command-line check wants; no retry fires before it exits.
      reconnect: { baseMs: 3_600_000, capMs: 3_600_000, jitter: 'none' },
      captureTimeoutMs: options.timeoutMs,
    });
    const device = uses === 'fingerprint' ? devices.fingerprint : devices.cardSlot;
    const path = uses === 'fingerprint' ? fingerprintPath : cardSlotPath;
    out.field('Device', 'device', uses);
    out.field('Port', 'path', path ?? '(none)');
    devices.start();
    const connected = await withTimeout(device.awaitConnection(), options.timeoutMs);
    if (connected === 'timeout') {
      out.field('Status', 'status', device.status);
      return out.finish(EXIT.timeout, 'the device did not finish its handshake in time');
    }
    const failure = connectionFailure(connected);
    out.field('Status', 'status', device.status);
    if (failure) return out.finish(failure.code, failure.message);

    switch (options.command) {
      case 'probe':
        return uses === 'fingerprint' ? await probeFingerprint(devices, out) : await probeCardSlot(devices, out);
      case 'capture':
        return await capture(devices, out, options, signal, lab);
      case 'read-card':
        return await readCard(devices, out, options, signal, lab);
      case 'eject':
        return await eject(devices, out, options, signal, lab);
      default:
        return assertNever(options.command, 'command');
    }
  } finally {
    await devices?.stop();
    await lab?.close();
  }
}

async function list(out: Output, fingerprintPath: string | undefined, cardSlotPath: string | undefined): Promise<ExitCode> {
  out.say('Configured devices:');
  const configured = { fingerprint: fingerprintPath ?? null, cardSlot: cardSlotPath ?? null };
  out.report.configured = Object.fromEntries(Object.entries(configured).map(([name, path]) => [name, path === null ? null : { path, present: existsSync(path) }]));
  for (const [name, path] of Object.entries(configured)) {
    out.say(`  ${name.padEnd(20)} ${path === null ? 'not given' : `${path} (${existsSync(path) ? 'present' : 'missing'})`}`);
  }
  const { SerialPort } = await import('serialport');
  const ports = await SerialPort.list().catch(() => []);
  out.report.serialPorts = ports.map((port) => ({ path: port.path, manufacturer: port.manufacturer ?? null, vendorId: port.vendorId ?? null, productId: port.productId ?? null }));
  out.say(`Serial ports found: ${ports.length === 0 ? 'none' : ports.length}`);
  for (const port of ports) out.say(`  ${port.path}${port.manufacturer ? ` (${port.manufacturer})` : ''}`);
  let readers: { path: string | null; product: string | null }[] = [];
  try {
    const hid = await import('node-hid');
    readers = (await hid.devicesAsync(MAGTEK_VENDOR_ID, MAGTEK_HID_PRODUCT_ID)).map((d) => ({ path: d.path ?? null, product: d.product ?? null }));
  } catch {
    // No HID access here (no libusb, no permission): nothing to list.
  }
  out.report.magstripeReaders = readers;
  out.say(`MagTek swipe readers (0801:0002) found: ${readers.length === 0 ? 'none' : readers.length}`);
  for (const reader of readers) out.say(`  ${reader.path ?? '?'}${reader.product ? ` (${reader.product})` : ''}`);
  return out.finish(EXIT.ok);
}

async function probeFingerprint(devices: DeviceManager, out: Output): Promise<ExitCode> {
  const info = await devices.fingerprint.describe();
  if (!info.ok) return out.finish(exitFor(info.error).code, exitFor(info.error).message);
  const p = info.value.parameters;
  out.field('Device id', 'deviceId', info.value.deviceId);
  out.field('System id', 'systemId', `0x${p.systemId.toString(16).padStart(4, '0')}`);
  out.field('Address', 'address', `0x${p.address.toString(16).toUpperCase().padStart(8, '0')}`);
  out.field('Library capacity', 'libraryCapacity', p.libraryCapacity);
  out.field('Templates stored', 'templateCount', info.value.templateCount);
  out.field('Security level', 'securityLevel', p.securityLevel);
  out.field('Packet size', 'packetSize', p.packetSize);
  out.field('Baud rate', 'baudRate', p.baudRate);
  out.field('Aura LED', 'hasLed', info.value.hasLed, info.value.hasLed ? 'yes' : 'no');
  return out.finish(EXIT.ok);
}

async function probeCardSlot(devices: DeviceManager, out: Output): Promise<ExitCode> {
  const info = await devices.cardSlot.describe();
  if (!info.ok) return out.finish(exitFor(info.error).code, exitFor(info.error).message);
  const shown = { noCard: 'no card', atGate: 'card at the gate', inside: 'card inside' }[info.value.position];
  out.field('Card', 'position', info.value.position, shown);
  return out.finish(EXIT.ok);
}

async function capture(devices: DeviceManager, out: Output, options: Options, signal: AbortSignal, lab: Lab | undefined): Promise<ExitCode> {
  const person = lab?.people[0];
  if (lab && person) {
    lab.fingerprint.place({ personId: person.idNumber, finger: 'rightIndex' });
    out.say(`Lab: placed the right index finger of the demo person …${person.idNumber.slice(-4)}.`);
  }
  const captured = await devices.fingerprint.capture({ signal, timeoutMs: options.timeoutMs, onGuidance: (g) => out.say(GUIDANCE_TEXT[g]) });
  if (!captured.ok) return out.finish(exitFor(captured.error).code, exitFor(captured.error).message);
  const pkg = captured.value;
  out.field('Format', 'format', pkg.format);
  out.field('Quality', 'quality', pkg.quality);
  out.field('Device id', 'deviceId', pkg.deviceId);
  out.field('Template size', 'templateBytes', Buffer.from(pkg.template, 'base64').length);
  out.field('Captured at', 'capturedAt', pkg.capturedAt);
  return out.finish(EXIT.ok);
}

async function waitForCardOrLab(devices: DeviceManager, out: Output, options: Options, signal: AbortSignal, lab: Lab | undefined): Promise<CardSlotDeviceError | undefined> {
  out.say('Insert a card…');
  const waiting = devices.cardSlot.waitForCard({ signal, timeoutMs: options.timeoutMs });
  const person = lab?.people[0];
  const demoCard = person ? lab?.card(`${person.holderType === 'citizen' ? 'nationalId' : 'iqama'}-${person.idNumber}`) : undefined;
  if (lab && person && demoCard) {
    // The shutter opens a moment after the command: insert as soon as it does (bounded).
    for (let i = 0; i < 500; i += 1) {
      if (lab.cardSlot.simulator.entryMode !== 'disabled' && lab.cardSlot.insert(demoCard).ok) {
        out.say(`Lab: inserted the demo ${demoCard.kind === 'iqama' ? 'iqama' : 'ID card'} …${person.idNumber.slice(-4)}.`);
        break;
      }
      await sleep(10);
    }
  }
  const arrived = await waiting;
  return arrived.ok ? undefined : arrived.error;
}

async function readCard(devices: DeviceManager, out: Output, options: Options, signal: AbortSignal, lab: Lab | undefined): Promise<ExitCode> {
  const failed = await waitForCardOrLab(devices, out, options, signal, lab);
  if (failed) return out.finish(exitFor(failed).code, exitFor(failed).message);
  const identity = await devices.cardSlot.readIdentity({ signal });
  if (!identity.ok) return out.finish(exitFor(identity.error).code, exitFor(identity.error).message);
  const described = describeIdentity(identity.value);
  for (const [key, value] of Object.entries(described)) out.field(key === 'idNumber' ? 'ID number' : key[0]?.toUpperCase() + key.slice(1), key, value);
  out.say('The card is still in the slot; run "eject" to give it back.');
  if (identity.value.kind === 'unreadable') return out.finish(EXIT.deviceError, 'the card could not be read');
  return out.finish(EXIT.ok);
}

async function eject(devices: DeviceManager, out: Output, options: Options, signal: AbortSignal, lab: Lab | undefined): Promise<ExitCode> {
  if (lab) {
    const failed = await waitForCardOrLab(devices, out, options, signal, lab);
    if (failed) return out.finish(exitFor(failed).code, exitFor(failed).message);
  }
  out.say('Ejecting; take the card…');
  const returning = devices.cardSlot.returnCard({ signal, takeTimeoutMs: options.takeTimeoutMs });
  if (lab) {
    // The demo person takes the card once it is at the gate (bounded wait).
    for (let i = 0; i < 500 && lab.cardSlot.simulator.state !== 'atGate'; i += 1) await sleep(10);
    if (lab.cardSlot.take().ok) out.say('Lab: the demo person took the card.');
  }
  const outcome = await returning;
  if (!outcome.ok) return out.finish(exitFor(outcome.error).code, exitFor(outcome.error).message);
  out.field('Card', 'outcome', outcome.value.outcome, outcome.value.outcome === 'taken' ? 'taken' : 'retained (not taken in time)');
  return out.finish(EXIT.ok);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    const message = error instanceof UsageError || (error instanceof Error && 'code' in error) ? error.message : String(error);
    process.stderr.write(`error: ${message}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const log = options.verbose ? createLogger({ level: 'debug', name: 'devices-cli' }) : pino({ level: 'silent' });
  const out = new Output(options.json);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  return run(options, out, log, stop.signal);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.deviceError);
  },
);
