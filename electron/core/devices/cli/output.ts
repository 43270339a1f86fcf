import type { CardHolderIdentity, CardSlotDeviceError, ConnectionChange, FingerprintDeviceError } from '..';
import type { PrintFailure } from '../printer/device';
import { EXIT, type ExitCode } from './options';

/**
 * What the CLI tells the technician: a line of text a field, or one JSON
 * object with `--json`; what each failure means and its exit code.
 */

type Report = Record<string, unknown>;

export class Output {
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

/** What a failure means to the person running the tool, and the exit code for it. */
export function exitFor(error: FingerprintDeviceError | CardSlotDeviceError): { code: ExitCode; message: string } {
  switch (error.type) {
    case 'unavailable':
      return { code: EXIT.notFound, message: `the device is ${error.status}` };
    case 'disconnected':
      return { code: EXIT.notFound, message: 'the device was unplugged' };
    case 'noAnswer':
      return { code: EXIT.notFound, message: 'the device stopped answering' };
    case 'timeout':
      return { code: EXIT.timeout, message: 'nothing happened in time' };
    case 'glassNotClear':
      return { code: EXIT.timeout, message: 'a finger stayed on the glass from the start: lift it, then place it when asked' };
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

export function connectionFailure(change: ConnectionChange): { code: ExitCode; message: string } | undefined {
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

export function describeIdentity(identity: CardHolderIdentity): Report {
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

const FATE_TEXT = { notStarted: 'no paper was used', cutShort: 'part of the page is out, uncut', unknown: 'whether it printed is not known' } as const;

/** A test page that did not print: why, what became of the page, and the exit code. */
export function exitForPrint(failure: PrintFailure): { code: ExitCode; message: string } {
  switch (failure.type) {
    // The printer's own state first (it is there, and says why not), then a printer that is not there.
    case 'busy':
      return { code: EXIT.deviceError, message: 'the printer is busy with another receipt' };
    case 'paperOut':
      return { code: EXIT.deviceError, message: `the printer is out of paper (${FATE_TEXT[failure.job]})` };
    case 'coverOpen':
      return { code: EXIT.deviceError, message: `the printer's cover is open (${FATE_TEXT[failure.job]})` };
    case 'printerError':
      return { code: EXIT.deviceError, message: `the printer reports an error: ${failure.reason} (${FATE_TEXT[failure.job]})` };
    case 'unavailable':
      return { code: EXIT.notFound, message: `the printer is ${failure.status}` };
    case 'unplugged':
      return { code: EXIT.notFound, message: `the printer was unplugged (${FATE_TEXT[failure.job]})` };
    case 'noAnswer':
      return { code: EXIT.notFound, message: `the printer stopped answering (${FATE_TEXT[failure.job]})` };
  }
}
