import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetryPayloadSchema } from '../../../../common/wire/telemetry';
import { KioskError } from '../../../contract';
import { eventually, insertWhenOpen, type LabRig, startLabRig } from '../../devices/testing/labRig';
import { verifyAuditChain } from '../../store/auditLog';
import { diagnosticsProcedures } from './procedures';
import { diagnosticsRig } from './testing/diagnosticsRig';

/**
 * Diagnostics against the simulated lab over real ptys, with a real store:
 * each check reads the device itself, each technician test is audited and
 * sent (never an image, never a full card number), and the readiness report
 * goes red with a clear detail when a device is pulled.
 */

let rig: LabRig | undefined;
let diag: Awaited<ReturnType<typeof diagnosticsRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  await diag?.dispose();
  rig = undefined;
  diag = undefined;
});

async function setup() {
  rig = await startLabRig({}, { printer: true });
  await Promise.all([rig.devices.fingerprint.awaitConnection(), rig.devices.cardSlot.awaitConnection(), rig.devices.printer.awaitConnection()]);
  diag = await diagnosticsRig({ devices: rig.devices, retainBinWarnAt: 2 });
  return { rig, diag };
}

const person = (r: LabRig) => {
  const p = r.lab.people[0];
  if (!p) throw new Error('the lab has no people');
  return p;
};

describe('diagnostics with the lab', () => {
  it('the readiness report runs every automatic check (green with the lab), lists the manual tests as never run, and is saved, audited and sent', async () => {
    const { diag } = await setup();
    const report = await diag.service.runReadiness({ trigger: 'onDemand', print: false });
    const auto = report.checks.filter((c) => c.automatic);
    expect(auto.map((c) => c.name)).toEqual(expect.arrayContaining(['fingerprint.module', 'fingerprint.library', 'cardSlot.reader', 'cardSlot.retainBin', 'printer.paper', 'network.central', 'network.clock', 'system.disk']));
    expect(auto.filter((c) => c.result !== 'pass'), 'with the lab and a healthy central nothing is amber or red').toEqual([]);
    expect(report.overall).toBe('pass');
    const manual = report.checks.filter((c) => !c.automatic);
    expect(manual.map((c) => c.name)).toEqual(['fingerprint.testCapture', 'fingerprint.ledTest', 'cardSlot.readTest', 'cardSlot.eject', 'cardSlot.retainTest', 'printer.testPage']);
    expect(manual.every((c) => c.result === 'manual' && c.last === null)).toBe(true);
    expect(diag.service.lastReadiness()).toEqual(report);
    const [sent] = await diag.sent();
    expect(telemetryPayloadSchema.parse(sent)).toMatchObject({ type: 'readiness.report', reportId: report.id, overall: 'pass', trigger: 'onDemand' });
    expect(await diag.store.read((tx) => verifyAuditChain(tx))).toMatchObject({ intact: true, entries: 1 });
  });

  it('an unplugged fingerprint reader fails its check with a clear detail, and the report goes red', async () => {
    const { rig, diag } = await setup();
    await rig.control('/fault', { device: 'fingerprint', kind: 'unplug' });
    await eventually(() => rig.devices.fingerprint.status === 'offline', 'the reader goes offline');
    const report = await diag.service.runReadiness({ trigger: 'cli', print: false });
    expect(report.overall).toBe('fail');
    expect(report.checks.find((c) => c.name === 'fingerprint.module')).toMatchObject({ result: 'fail', code: 'unplugged', detail: expect.stringMatching(/not connected.*cable/) });
  });

  it('a test capture shows the image and its quality to the screen; the outbox and audit log get the quality only', async () => {
    const { rig, diag } = await setup();
    // The reader takes a finger put down once it asks for one (the glass seen clear first), as a technician would.
    const capturing = diag.service.action('fingerprint.testCapture', {
      onGuidance: (g) => {
        if (g === 'placeFinger' && !rig.lab.fingerprint.simulator.fingerOnGlass) rig.lab.fingerprint.place({ personId: person(rig).idNumber, finger: 'rightIndex' });
      },
    });
    const result = await capturing;
    expect(result.check).toMatchObject({ name: 'fingerprint.testCapture', result: 'pass', facts: { quality: expect.any(Number) } });
    expect(result.image).toMatchObject({ width: 256, height: 288 });
    expect(Buffer.from(result.image?.grey4Base64 ?? '', 'base64')).toHaveLength((256 * 288) / 2);
    expect(JSON.stringify(result).length, 'one RPC message carries it').toBeLessThan(64 * 1024);
    const [sent] = await diag.sent();
    expect(telemetryPayloadSchema.parse(sent)).toMatchObject({ type: 'diagnostics.action', action: 'fingerprint.testCapture', quality: result.check.facts.quality });
    const stored = await diag.store.read((tx) => tx.all(z.object({ detail: z.string() }), 'SELECT detail FROM audit_log'));
    expect(JSON.stringify(stored)).not.toContain(result.image?.grey4Base64.slice(0, 64));
    // The image crosses the serial line at 57,600 baud (36 KiB, paced like the module): allow for it on a loaded machine.
  }, 120_000);

  it('the LED test cycles the aura LED', async () => {
    const { diag } = await setup();
    expect((await diag.service.action('fingerprint.ledTest')).check).toMatchObject({ result: 'pass', facts: { led: true } });
  });

  it('card slot: a read test shows the card masked, eject gives it back, the retain test keeps one, the bin warns at its threshold and "bin emptied" resets it (audited)', async () => {
    const { rig, diag } = await setup();
    const p = person(rig);
    const cardId = `${p.holderType === 'citizen' ? 'nationalId' : 'iqama'}-${p.idNumber}`;
    const reading = diag.service.action('cardSlot.readTest');
    await insertWhenOpen(rig, cardId);
    const read = await reading;
    expect(read.check).toMatchObject({ result: 'pass', facts: { number: `******${p.idNumber.slice(-4)}` } });
    expect(JSON.stringify(read)).not.toContain(p.idNumber);

    const ejecting = diag.service.action('cardSlot.eject');
    await eventually(() => rig.lab.cardSlot.simulator.state === 'atGate', 'the card is at the gate');
    rig.lab.cardSlot.take();
    expect((await ejecting).check).toMatchObject({ result: 'pass', facts: { outcome: 'taken' } });

    for (let i = 0; i < 2; i += 1) {
      const inserting = diag.service.action('cardSlot.readTest');
      await insertWhenOpen(rig, cardId);
      await inserting;
      expect((await diag.service.action('cardSlot.retainTest')).check).toMatchObject({ result: 'pass', facts: { binCount: i + 1 } });
    }
    const slot = await diag.service.diagnose('cardSlot');
    expect(slot.checks.find((c) => c.name === 'cardSlot.retainBin')).toMatchObject({ result: 'warn', code: 'binNearlyFull', facts: { count: 2, warnAt: 2 } });
    expect(diag.counters.values().cardSlot, 'the heartbeat’s counters see the retained cards and every card in').toMatchObject({ retainBin: 2, retained: 2, inserted: 3 });
    expect((await diag.service.diagnose('cardSlot')).checks.find((c) => c.name === 'cardSlot.counters')?.facts).toEqual({ inserted: 3, readErrors: 0, retained: 2 });

    expect((await diag.service.action('cardSlot.binEmptied')).check).toMatchObject({ result: 'pass', facts: { before: 2, count: 0 } });
    expect(diag.counters.values().cardSlot).toMatchObject({ retainBin: 0, retained: 2 });
    expect((await diag.service.diagnose('cardSlot')).checks.find((c) => c.name === 'cardSlot.retainBin')?.result).toBe('pass');
    const emptied = (await diag.sent()).map((e) => telemetryPayloadSchema.parse(e)).find((e) => e.type === 'diagnostics.action' && e.action === 'cardSlot.binEmptied');
    expect(emptied).toMatchObject({ count: 2 });

    const report = await diag.service.runReadiness({ trigger: 'onDemand', print: false });
    expect(report.checks.find((c) => c.name === 'cardSlot.retainTest')?.last).toMatchObject({ result: 'pass', at: expect.any(Number) });
    expect(report.checks.find((c) => c.name === 'printer.testPage')?.last).toBeNull();
  });

  it('the printer prints its test page and the readiness receipt; out of paper is a red check', async () => {
    const { rig, diag } = await setup();
    expect((await diag.service.action('printer.testPage', { language: 'en' })).check.result).toBe('pass');
    const report = await diag.service.runReadiness({ trigger: 'onDemand', print: true, language: 'ar' });
    expect(report.printed).toBe(true);
    expect(rig.lab.printer.receipts()).toHaveLength(2);
    await rig.control('/printer/paper', { paper: 'out' });
    await eventually(() => rig.devices.printer.condition === 'paperOut', 'the printer sees no paper');
    expect((await diag.service.diagnose('printer')).checks.find((c) => c.name === 'printer.paper')).toMatchObject({ result: 'fail', code: 'paperOut' });
  });
});

it('outside maintenance every diagnostics procedure is refused and touches nothing', async () => {
  const api = diagnosticsProcedures(() => undefined);
  await expect(api.runReadiness({})).rejects.toMatchObject({ code: 'not_allowed' });
  await expect(api.diagnosticAction({ action: 'cardSlot.binEmptied' })).rejects.toBeInstanceOf(KioskError);
  await expect(api.deadLetters({})).rejects.toMatchObject({ code: 'not_allowed' });
});
