import { describe, expect, it } from 'vitest';
import { parseOptions } from './options';
import { type CliRun, runDevicesCli } from './testing/runDevicesCli';

const devices = (...args: string[]): Promise<CliRun> => runDevicesCli(args);

/** Each run starts a Node process (seconds on a loaded machine): a spec's budget follows the runs it makes. */
const runs = (n: number) => ({ timeout: n * 30_000 });

const json = (run: CliRun): Record<string, unknown> => JSON.parse(run.stdout.trim()) as Record<string, unknown>;

describe('npm run devices: the command line', () => {
  it('takes the printer commands and refuses what a printer cannot be', () => {
    expect(parseOptions(['test-page', '--language', 'en', '--width', '384'])).toMatchObject({ command: 'test-page', target: 'printer', language: 'en', widthDots: 384 });
    expect(parseOptions(['probe', 'printer'])).toMatchObject({ command: 'probe', target: 'printer', widthDots: 576, language: 'ar' });
    expect(() => parseOptions(['test-page', '--width', '80'])).toThrow('--width must be 576 (80 mm) or 384 (58 mm)');
    expect(() => parseOptions(['test-page', '--language', 'fr'])).toThrow('--language must be ar or en');
    expect(() => parseOptions(['test-page', '--kiosk-id', 'a b'])).toThrow('--kiosk-id must be');
    expect(() => parseOptions(['probe', 'scanner'])).toThrow('probe needs a device: fingerprint, cardSlot or printer');
  });
});

describe('npm run devices', () => {
  it('documents its commands and exit codes in --help, and exits 2 on a usage error', runs(2), async () => {
    const help = await devices('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*3 +device not found[\s\S]*5 +timeout/);
    const wrong = await devices('probe', 'scanner');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('probe needs a device');

  });

  it('probes the lab fingerprint reader: online, with its system parameters', runs(1), async () => {
    const run = await devices('probe', 'fingerprint', '--lab', '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ ok: true, status: 'online', baudRate: 57600, packetSize: 128, libraryCapacity: 1000, hasLed: true });
  });

  it('captures a demo finger in the lab and shows the package without the template', runs(1), async () => {
    const run = await devices('capture', '--lab', '--json');
    expect(run.code).toBe(0);
    const report = json(run);
    expect(report).toMatchObject({ ok: true, format: 'synthetic-minutiae-v1', templateBytes: 512 });
    expect(report).not.toHaveProperty('template');
  });

  it('reads the demo ID card in the lab, and ejects a card that the demo person takes', runs(2), async () => {
    const read = await devices('read-card', '--lab');
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/ID number +1000000008/);
    const ejected = await devices('eject', '--lab', '--json');
    expect(ejected.code).toBe(0);
    expect(json(ejected)).toMatchObject({ ok: true, outcome: 'taken' });
  });

  it('prints the printer test page on the lab printer, and probes the printer: ready, 80 mm', runs(2), async () => {
    const page = await devices('test-page', '--lab', '--json', '--language', 'en', '--kiosk-id', 'KSK-0001');
    expect(page.code).toBe(0);
    expect(json(page)).toMatchObject({ ok: true, status: 'online', labReceipts: 1, paperNearEnd: false });
    expect(json(page)['bytesSent']).toBeGreaterThan(576 / 8 * 100);
    const probe = await devices('probe', 'printer', '--lab', '--json');
    expect(probe.code).toBe(0);
    expect(json(probe)).toMatchObject({ ok: true, condition: 'ready', widthDots: 576 });
  });

  it('exits 3 when the port does not exist', runs(1), async () => {
    const run = await devices('probe', 'cardSlot', '--card-slot', '/dev/does-not-exist', '--json');
    expect(run.code).toBe(3);
    expect(json(run)).toMatchObject({ ok: false, exitCode: 3, status: 'offline' });
  });
});

describe('npm run devices -- readiness', () => {
  it('takes readiness, diagnose and the technician tests; refuses a target readiness does not have', () => {
    expect(parseOptions(['readiness', '--lab', '--json', '--print'])).toMatchObject({ command: 'readiness', target: 'all', print: true, json: true });
    expect(parseOptions(['diagnose', 'system'])).toMatchObject({ command: 'diagnose', target: 'system' });
    expect(parseOptions(['diagnose', 'card-slot'])).toMatchObject({ command: 'diagnose', target: 'cardSlot' });
    expect(parseOptions(['led-test'])).toMatchObject({ target: 'fingerprint' });
    expect(parseOptions(['retain-test'])).toMatchObject({ target: 'cardSlot' });
    expect(() => parseOptions(['readiness', 'printer'])).toThrow('unexpected "printer"');
    expect(() => parseOptions(['diagnose', 'network'])).toThrow('diagnose needs a device: fingerprint, cardSlot, printer or system');
  });

  it('with the lab: one JSON object, every check named with pass|warn|fail|manual and a detail, exit 0', runs(1), async () => {
    const run = await devices('readiness', '--lab', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = json(run) as { ok: boolean; overall: string; checks: { name: string; result: string; detail: string; automatic: boolean }[] };
    expect(report.ok).toBe(true);
    expect(report.overall).toBe('pass');
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['fingerprint.module', 'cardSlot.reader', 'printer.paper', 'system.disk', 'cardSlot.readTest']));
    expect(report.checks.every((c) => ['pass', 'warn', 'fail', 'manual'].includes(c.result) && c.detail.length > 0)).toBe(true);
    expect(report.checks.filter((c) => !c.automatic).every((c) => c.result === 'manual')).toBe(true);
  });

  it('a reader that is not there fails its check and the command exits 6, naming it', runs(1), async () => {
    const run = await devices('readiness', '--lab', '--json', '--fingerprint', '/dev/kiosk-no-such-reader', '--timeout', '5000');
    expect(run.code).toBe(6);
    const report = json(run) as { ok: boolean; error: string; checks: { name: string; result: string; detail: string }[] };
    expect(report.ok).toBe(false);
    expect(report.error).toContain('fingerprint.module');
    expect(report.checks.find((c) => c.name === 'fingerprint.module')).toMatchObject({ result: 'fail', detail: expect.stringContaining('not connected') });
    expect(report.checks.find((c) => c.name === 'cardSlot.reader')?.result).toBe('pass');
  });

  it('diagnose and the LED test run the maintenance screen’s checks on one lab device', runs(2), async () => {
    const slot = await devices('diagnose', 'cardSlot', '--lab', '--json');
    expect(slot.code, slot.stderr).toBe(0);
    expect(json(slot)).toMatchObject({ ok: true, present: true, checks: expect.arrayContaining([expect.objectContaining({ name: 'cardSlot.retainBin', result: 'pass' })]) });
    const led = await devices('led-test', '--lab', '--json');
    expect(led.code, led.stderr).toBe(0);
    expect(json(led)).toMatchObject({ ok: true, check: { name: 'fingerprint.ledTest', result: 'pass' } });
  });
});
