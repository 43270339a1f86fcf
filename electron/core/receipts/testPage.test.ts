import { afterEach, expect, it } from 'vitest';
import { eventually, type LabRig, startLabRig } from '../devices/testing/labRig';
import { receiptSchemas } from './kinds';
import { printTestPage, testPageData } from './testPage';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const at = new Date('2026-12-03T10:15:00Z');

it('prints the test page on the printer: one cut page on the lab paper, the printer counts it', async () => {
  const r = (rig = await startLabRig({ printerPollMs: 30 }, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'printer online after start');

  const printed = await printTestPage(printer, { kioskId: 'KSK-0001', language: 'ar', at });
  expect(printed).toMatchObject({ ok: true, value: { paperNearEnd: false } });
  expect(r.lab.printer.simulator.receipts).toHaveLength(1);
  expect(r.lab.printer.simulator.lastReceipt?.endedBy).toBe('fullCut');
  expect(printer.counters.receiptsPrinted).toBe(1);
});

it('with the paper out the page is refused before any paper is used, and the reason is the printer\'s', async () => {
  const r = (rig = await startLabRig({ printerPollMs: 30 }, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'printer online after start');
  await r.control('/printer/paper', { paper: 'out' });
  await eventually(() => printer.condition === 'paperOut', 'paper out seen');

  expect(await printTestPage(printer, { kioskId: 'KSK-0001', language: 'en', at })).toEqual({ ok: false, error: { type: 'paperOut', job: 'notStarted' } });
  expect(r.lab.printer.simulator.receipts).toEqual([]);
});

it('the page says what the printer said: paper near end is amber, paper out or an open cover red, and it is a valid readiness receipt', () => {
  const base = { status: 'online', condition: 'ready', paperNearEnd: false, widthDots: 576 } as const;
  const ready = testPageData(base, { kioskId: 'KSK-0001', language: 'en', at, lifeCounters: { receiptsPrinted: 12, paperOutEvents: 2 } });
  expect(ready.overall).toBe('green');
  expect(ready.reference).toBe('TP-20261203101500');
  expect(ready.checks.find((c) => c.label.en === 'Receipts printed')?.detail).toBe('12');
  expect(() => receiptSchemas.technicianReadiness.parse(ready)).not.toThrow();
  // Without the store's life counters the page claims none (the device's own count starts at the core's start).
  expect(testPageData(base, { kioskId: 'KSK-0001', language: 'en', at }).checks.some((c) => c.label.en === 'Receipts printed')).toBe(false);

  expect(testPageData({ ...base, paperNearEnd: true }, { kioskId: 'KSK-0001', language: 'en', at }).overall).toBe('amber');
  const open = testPageData({ ...base, condition: 'coverOpen' }, { kioskId: 'KSK-0001', language: 'ar', at });
  expect(open.overall).toBe('red');
  expect(open.checks.find((c) => c.label.en === 'Cover')).toMatchObject({ level: 'red', detail: 'مفتوح' });
  expect(testPageData({ ...base, widthDots: 384 }, { kioskId: 'KSK-0001', language: 'en', at }).checks.find((c) => c.label.en === 'Print width')?.detail).toBe('384 dots (58 mm)');
});
