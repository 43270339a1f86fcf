import pino from 'pino';
import type { Logger } from 'pino';
import { assertNever } from '../../../../common/result';
import { type Lab, startLab } from '../../../../drivers/lab/lab';
import { createLogger } from '../../log';
import { DeviceManager } from '..';
import { capture, eject, list, probeCardSlot, probeFingerprint, probePrinter, readCard, testPage, waitForCardOrLab } from './commands';
import { coreCommand } from './coreCommands';
import { deviceTest, diagnose, readiness } from './diagnostics';
import { EXIT, type ExitCode, HELP, type Options, parseOptions, UsageError } from './options';
import { connectionFailure, exitFor, Output } from './output';

/**
 * `npm run devices -- <command>`: a technician's look at the kiosk's devices,
 * real or simulated (`--lab`). Never prints a template or a full PAN.
 * Options and help in options.ts, the commands in commands.ts, what is
 * printed in output.ts.
 */

async function run(options: Options, out: Output, log: Logger, signal: AbortSignal): Promise<ExitCode> {
  // What changes the kiosk's own store goes through the running core, never to the devices directly.
  if (options.command === 'dead-letters' || options.command === 'bin-emptied') return coreCommand(options, out);
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
    const printerPath = options.printer ?? lab?.devices.printer;
    const baudFor = (device: 'fingerprint' | 'cardSlot' | 'printer', fallback: number): number => (options.target === device ? (options.baud ?? fallback) : fallback);

    if (options.command === 'list') return await list(out, fingerprintPath, cardSlotPath);

    const uses = options.target;
    const all = uses === 'all' || uses === 'system';
    const wants = (device: 'fingerprint' | 'cardSlot' | 'printer'): boolean => uses === device || (uses === 'all' && (device !== 'printer' || printerPath !== undefined));
    devices = new DeviceManager({
      config: {
        fingerprint: wants('fingerprint') && fingerprintPath ? { path: fingerprintPath, baudRate: baudFor('fingerprint', 57600), noModemLines: true } : null,
        // dontMove: probing must never swallow a card a technician left in the slot.
        cardSlot:
          wants('cardSlot') && cardSlotPath
            ? { path: cardSlotPath, baudRate: baudFor('cardSlot', 38400), noModemLines: true, initializeAtStart: 'dontMove', takeTimeoutMs: options.takeTimeoutMs }
            : null,
        magstripe: null,
        printer: wants('printer') && printerPath ? { path: printerPath, baudRate: baudFor('printer', 115_200), noModemLines: true, widthDots: options.widthDots } : null,
      },
      log,
      // One attempt is all a command-line check wants; no retry fires before it exits.
      reconnect: { baseMs: 3_600_000, capMs: 3_600_000, jitter: 'none' },
      captureTimeoutMs: options.timeoutMs,
    });
    if (all) {
      // Every device given gets its one connection attempt; a device that fails it is a failed check, not an exit.
      devices.start();
      const given = [devices.fingerprint, devices.cardSlot, devices.printer].filter((d) => d.status !== 'noDevice');
      await Promise.all(given.map((d) => withTimeout(d.awaitConnection(), options.timeoutMs)));
      return uses === 'system' ? await diagnose(devices, out, options, log, 'system') : await readiness(devices, out, options, log);
    }
    const device = uses === 'fingerprint' ? devices.fingerprint : uses === 'printer' ? devices.printer : devices.cardSlot;
    const path = uses === 'fingerprint' ? fingerprintPath : uses === 'printer' ? printerPath : cardSlotPath;
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
        return uses === 'fingerprint' ? await probeFingerprint(devices, out) : uses === 'printer' ? probePrinter(devices, out) : await probeCardSlot(devices, out);
      case 'capture':
        return await capture(devices, out, options, signal, lab);
      case 'read-card':
        return await readCard(devices, out, options, signal, lab);
      case 'eject':
        return await eject(devices, out, options, signal, lab);
      case 'test-page':
        return await testPage(devices, out, options, lab);
      case 'diagnose':
        return await diagnose(devices, out, options, log, uses === 'fingerprint' ? 'fingerprint' : uses === 'printer' ? 'printer' : 'cardSlot');
      case 'led-test':
        return await deviceTest(devices, out, options, log, 'fingerprint.ledTest');
      case 'retain-test': {
        // The lab's demo person offers a card when the shutter opens; at a real reader the technician does.
        const failed = await waitForCardOrLab(devices, out, options, signal, lab);
        if (failed) return out.finish(exitFor(failed).code, exitFor(failed).message);
        return await deviceTest(devices, out, options, log, 'cardSlot.retainTest');
      }
      case 'readiness':
        return await readiness(devices, out, options, log);
      default:
        return assertNever(options.command, 'command');
    }
  } finally {
    await devices?.stop();
    await lab?.close();
  }
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
