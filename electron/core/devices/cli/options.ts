import { parseArgs } from 'node:util';
import { normaliseTechnicianId } from '../../maintenance/desk';

/** The technician CLI's command line: its help text, exit codes and options. */

export const HELP = `Usage: npm run devices -- <command> [options]

Commands:
  list                          Show the device paths in use, serial ports and MagTek swipe readers found
  probe <fingerprint|cardSlot|printer>
                                Connect, run the handshake, show status and system parameters
                                (the printer: paper, cover, mechanism, width)
  capture                       Capture one fingerprint (shows quality and device id, never the template)
  read-card                     Wait for a card, read it and show whose it is (card numbers masked)
  eject                         Give back the card in the slot and wait until it is taken (or retained)
  test-page                     Print the receipt printer's test page (its checks, Arabic and a cut)
  readiness                     The hardware readiness report: every check that needs no person, on every
                                device given (--fingerprint, --card-slot, --printer, or --lab for all),
                                plus the system; the tests that need a person are listed. --print prints
                                it on the receipt printer. Exit 0 only when no automatic check failed
  diagnose <fingerprint|cardSlot|printer|system>
                                One device's (or the system's) automatic checks, as the maintenance screen shows them
  led-test                      Cycle the fingerprint reader's LED (blue, green, red, off)
  retain-test                   Wait for a card and keep it in the retain bin
  dead-letters [list|retry TXID|discard TXID]
                                The events central refused for good (kind, error, attempts; never their
                                content); retry one (back into the outbox) or discard it
  bin-emptied                   After emptying the retain bin: its count back to zero
                                dead-letters retry/discard and bin-emptied need --technician and your
                                PIN, typed when asked (or the first line of stdin; never an option),
                                checked by the core as the maintenance screen checks it; all three
                                go through the running kiosk core (its control socket), which audits them
                                in the technician's name and sends them to central. With the core stopped
                                they are refused: only the core writes the kiosk's store

Options:
  --fingerprint PATH    Fingerprint reader port (default 57600 baud)
  --card-slot PATH      Card slot port (default 38400 baud, 8E1)
  --printer PATH        Receipt printer port (default 115200 baud, 8N1)
  --width DOTS          The printer's paper: 576 (80 mm, default) or 384 (58 mm)
  --language ar|en      The test page's language (default ar)
  --kiosk-id ID         The kiosk id printed on the test page (default: this host's name)
  --baud N              Baud rate for the device the command uses
  --lab                 Start the simulated lab in this process and use its devices;
                        capture places a demo finger, read-card inserts a demo ID card,
                        test-page prints on the lab's simulated printer
  --timeout MS          How long to wait for the device, a finger or a card (default 20000)
  --take-timeout MS     How long a person has to take an ejected card (default 30000)
  --json                One JSON object on stdout instead of text (readiness: every check with its
                        name, result pass|warn|fail|manual and detail)
  --print               readiness: also print the report on the receipt printer
  --technician ID       Your technician number (the audit log names you)
  --control-socket PATH The running core's control socket (default /run/kiosk/control.sock)
  --verbose             Logs to stderr
  -h, --help            This text

Exit codes:
  0  ok
  2  usage error
  3  device not found, unplugged or not answering
  4  device error (refused, jammed, unreadable card, …)
  5  timeout (no finger, no card, or the device took too long)
  6  readiness or diagnose: an automatic check failed
  7  the kiosk core is not running, or refused the change (busy, no such dead letter)
  8  the technician PIN was refused (wrong, locked out, central asked to wait, cannot be checked)
`;

export const EXIT = { ok: 0, usage: 2, notFound: 3, deviceError: 4, timeout: 5, checkFailed: 6, coreRefused: 7, pinRefused: 8 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UsageError extends Error {}

const COMMANDS = ['list', 'probe', 'capture', 'read-card', 'eject', 'test-page', 'readiness', 'diagnose', 'led-test', 'retain-test', 'dead-letters', 'bin-emptied'] as const;
export type Command = (typeof COMMANDS)[number];
const isCommand = (text: string | undefined): text is Command => COMMANDS.includes(text as Command);

/** The device each command uses when it names none. */
const DEFAULT_TARGET: Record<Exclude<Command, 'probe' | 'diagnose'>, Options['target']> = {
  list: undefined,
  'dead-letters': undefined,
  'bin-emptied': undefined,
  capture: 'fingerprint',
  'led-test': 'fingerprint',
  'read-card': 'cardSlot',
  eject: 'cardSlot',
  'retain-test': 'cardSlot',
  'test-page': 'printer',
  readiness: 'all',
};

export interface Options {
  command: Command;
  /** The device the command uses; `all` for readiness (every device given), `system` for diagnose system. */
  target: 'fingerprint' | 'cardSlot' | 'printer' | 'all' | 'system' | undefined;
  print: boolean;
  fingerprint: string | undefined;
  cardSlot: string | undefined;
  printer: string | undefined;
  widthDots: 576 | 384;
  language: 'ar' | 'en';
  kioskId: string | undefined;
  baud: number | undefined;
  lab: boolean;
  timeoutMs: number;
  takeTimeoutMs: number;
  json: boolean;
  verbose: boolean;
  /** dead-letters and bin-emptied: what to do, on which dead letter, in whose name, through which socket. */
  core: { action: 'list' | 'retry' | 'discard' | 'binEmptied'; txId: string | undefined; technicianId: string | undefined; socket: string };
}

const DEFAULT_CONTROL_SOCKET = '/run/kiosk/control.sock';

function positiveInteger(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${what} must be a positive whole number, not "${text}"`);
  return value;
}

function width(text: string | undefined): 576 | 384 {
  if (text === undefined || text === '576') return 576;
  if (text === '384') return 384;
  throw new UsageError(`--width must be 576 (80 mm) or 384 (58 mm), not "${text}"`);
}

function language(text: string | undefined): 'ar' | 'en' {
  if (text === undefined || text === 'ar' || text === 'en') return text ?? 'ar';
  throw new UsageError(`--language must be ar or en, not "${text}"`);
}

function kioskId(text: string | undefined): string | undefined {
  if (text !== undefined && !/^[A-Za-z0-9-]{4,40}$/.test(text)) throw new UsageError(`--kiosk-id must be 4–40 letters, digits or dashes, not "${text}"`);
  return text;
}

export function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      fingerprint: { type: 'string' },
      'card-slot': { type: 'string' },
      printer: { type: 'string' },
      width: { type: 'string' },
      language: { type: 'string' },
      'kiosk-id': { type: 'string' },
      baud: { type: 'string' },
      lab: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'take-timeout': { type: 'string' },
      json: { type: 'boolean', default: false },
      print: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      technician: { type: 'string' },
      'control-socket': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const [command, target, ...extra] = positionals;
  if (!isCommand(command)) throw new UsageError(command === undefined ? 'a command is needed' : `unknown command "${command}"`);
  let device: Options['target'];
  if (command === 'probe' || command === 'diagnose') {
    const allowed = command === 'diagnose' ? 'fingerprint, cardSlot, printer or system' : 'fingerprint, cardSlot or printer';
    if (target !== 'fingerprint' && target !== 'cardSlot' && target !== 'card-slot' && target !== 'printer' && !(command === 'diagnose' && target === 'system')) {
      throw new UsageError(`${command} needs a device: ${allowed}`);
    }
    device = target === 'card-slot' ? 'cardSlot' : target;
    if (extra.length > 0) throw new UsageError(`unexpected "${extra.join(' ')}"`);
  } else if (command === 'dead-letters') {
    const action = target ?? 'list';
    if (action !== 'list' && action !== 'retry' && action !== 'discard') throw new UsageError(`dead-letters takes list, retry TXID or discard TXID, not "${action}"`);
    if (action !== 'list' && (extra.length !== 1 || !/^[A-Za-z0-9-]{8,80}$/.test(extra[0] ?? ''))) throw new UsageError(`dead-letters ${action} needs the dead letter's transaction id (as dead-letters list shows it)`);
    if (action === 'list' && extra.length > 0) throw new UsageError(`unexpected "${extra.join(' ')}"`);
  } else if (target !== undefined) {
    throw new UsageError(`unexpected "${[target, ...extra].join(' ')}"`);
  }
  const coreAction = command === 'bin-emptied' ? 'binEmptied' : ((target ?? 'list') as 'list' | 'retry' | 'discard');
  if (command === 'bin-emptied' || (command === 'dead-letters' && coreAction !== 'list')) {
    if (values.technician === undefined || normaliseTechnicianId(values.technician) === null) throw new UsageError('--technician needs your technician number (the audit log names you)');
  }
  return {
    command,
    target: command === 'probe' || command === 'diagnose' ? device : DEFAULT_TARGET[command],
    print: values.print,
    fingerprint: values.fingerprint,
    cardSlot: values['card-slot'],
    printer: values.printer,
    widthDots: width(values.width),
    language: language(values.language),
    kioskId: kioskId(values['kiosk-id']),
    baud: values.baud === undefined ? undefined : positiveInteger(values.baud, '--baud', 1),
    lab: values.lab,
    timeoutMs: positiveInteger(values.timeout, '--timeout', 20_000),
    takeTimeoutMs: positiveInteger(values['take-timeout'], '--take-timeout', 30_000),
    json: values.json,
    verbose: values.verbose,
    core: { action: coreAction, txId: command === 'dead-letters' ? extra[0] : undefined, technicianId: values.technician === undefined ? undefined : (normaliseTechnicianId(values.technician) ?? undefined), socket: values['control-socket'] ?? DEFAULT_CONTROL_SOCKET },
  };
}
