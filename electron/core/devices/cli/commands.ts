import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { sleep } from '../../../../common/time';
import type { Lab } from '../../../../drivers/lab/lab';
import { MAGTEK_HID_PRODUCT_ID, MAGTEK_VENDOR_ID } from '../../../../drivers/magstripe/report';
import type { CardSlotDeviceError, DeviceManager, PersonGuidance } from '..';
import { EXIT, type ExitCode, type Options } from './options';
import { printTestPage } from '../../receipts/testPage';
import { describeIdentity, exitFor, exitForPrint, type Output } from './output';

/** The CLI's commands, each on a connected device manager (and the lab, with `--lab`). */

const GUIDANCE_TEXT: Record<PersonGuidance, string> = {
  placeFinger: 'Place a finger on the reader…',
  holdStill: 'Hold still…',
  liftAndPlaceAgain: 'Lift the finger and place it again…',
  poorQuality: 'The image was poor; trying again…',
  captured: 'Captured.',
};

export async function list(out: Output, fingerprintPath: string | undefined, cardSlotPath: string | undefined): Promise<ExitCode> {
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

export async function probeFingerprint(devices: DeviceManager, out: Output): Promise<ExitCode> {
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

export async function probeCardSlot(devices: DeviceManager, out: Output): Promise<ExitCode> {
  const info = await devices.cardSlot.describe();
  if (!info.ok) return out.finish(exitFor(info.error).code, exitFor(info.error).message);
  const shown = { noCard: 'no card', atGate: 'card at the gate', inside: 'card inside' }[info.value.position];
  out.field('Card', 'position', info.value.position, shown);
  return out.finish(EXIT.ok);
}

export async function capture(devices: DeviceManager, out: Output, options: Options, signal: AbortSignal, lab: Lab | undefined): Promise<ExitCode> {
  const person = lab?.people[0];
  const captured = await devices.fingerprint.capture({
    signal,
    timeoutMs: options.timeoutMs,
    onGuidance: (g) => {
      out.say(GUIDANCE_TEXT[g]);
      // The reader takes a finger only once it has seen the glass clear: the demo person places it when asked.
      if (g === 'placeFinger' && lab && person && !lab.fingerprint.simulator.fingerOnGlass) {
        lab.fingerprint.place({ personId: person.idNumber, finger: 'rightIndex' });
        out.say(`Lab: placed the right index finger of the demo person …${person.idNumber.slice(-4)}.`);
      }
    },
  });
  if (!captured.ok) return out.finish(exitFor(captured.error).code, exitFor(captured.error).message);
  const pkg = captured.value;
  out.field('Format', 'format', pkg.format);
  out.field('Quality', 'quality', pkg.quality);
  out.field('Device id', 'deviceId', pkg.deviceId);
  out.field('Template size', 'templateBytes', Buffer.from(pkg.template, 'base64').length);
  out.field('Captured at', 'capturedAt', pkg.capturedAt);
  return out.finish(EXIT.ok);
}

export async function waitForCardOrLab(devices: DeviceManager, out: Output, options: Options, signal: AbortSignal, lab: Lab | undefined): Promise<CardSlotDeviceError | undefined> {
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

export async function readCard(devices: DeviceManager, out: Output, options: Options, signal: AbortSignal, lab: Lab | undefined): Promise<ExitCode> {
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

export async function eject(devices: DeviceManager, out: Output, options: Options, signal: AbortSignal, lab: Lab | undefined): Promise<ExitCode> {
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

const CONDITION_TEXT = { ready: 'ready', paperOut: 'out of paper', coverOpen: 'cover open', error: 'mechanism or cutter error' } as const;

export function probePrinter(devices: DeviceManager, out: Output): ExitCode {
  const printer = devices.printer;
  out.field('Condition', 'condition', printer.condition, CONDITION_TEXT[printer.condition]);
  out.field('Paper near end', 'paperNearEnd', printer.paperNearEnd, printer.paperNearEnd ? 'yes' : 'no');
  out.field('Width', 'widthDots', printer.widthDots, `${printer.widthDots} dots`);
  return out.finish(EXIT.ok);
}

/** A kiosk id for the page: the one given, else this host's name as far as a receipt reference allows. */
function pageKioskId(given: string | undefined): string {
  const host = hostname().replace(/[^A-Za-z0-9-]/g, '').slice(0, 40);
  return given ?? (host.length >= 4 ? host : 'KIOSK');
}

export async function testPage(devices: DeviceManager, out: Output, options: Options, lab: Lab | undefined): Promise<ExitCode> {
  out.say('Printing the test page…');
  const printed = await printTestPage(devices.printer, { kioskId: pageKioskId(options.kioskId), language: options.language, at: new Date() });
  if (!printed.ok) return out.finish(exitForPrint(printed.error).code, exitForPrint(printed.error).message);
  out.field('Printed', 'bytesSent', printed.value.bytesSent, `${printed.value.bytesSent} bytes, cut`);
  out.field('Paper near end', 'paperNearEnd', printed.value.paperNearEnd, printed.value.paperNearEnd ? 'yes' : 'no');
  if (lab) out.field('Lab paper', 'labReceipts', lab.printer.receipts().length, `${lab.printer.receipts().length} receipt(s) on the simulated printer's paper`);
  return out.finish(EXIT.ok);
}
