import { startLabRig } from '../../electron/core/devices/testing/labRig';
import { diagnosticsRig } from '../../electron/core/maintenance/diagnostics/testing/diagnosticsRig';
import type { BenchFigure } from './types';

/**
 * The hardware readiness report (issue 13): wall time of every automatic
 * check with the simulated lab over real ptys (fingerprint ReadSysPara and
 * library count, card slot sensors, firmware and retract counter, printer,
 * a healthy central, the system), the report saved and queued with its
 * audit entry. Beside it, the same run's baseline: one card-slot status
 * request alone (the slowest single exchange the report waits on).
 */

const RUNS = 10;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export default async function readinessBench(): Promise<BenchFigure[]> {
  const rig = await startLabRig({}, { printer: true });
  const diag = await diagnosticsRig({ devices: rig.devices });
  try {
    await Promise.all([rig.devices.fingerprint.awaitConnection(), rig.devices.cardSlot.awaitConnection(), rig.devices.printer.awaitConnection()]);
    await diag.service.runReadiness({ trigger: 'onDemand', print: false });
    const reports: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      const report = await diag.service.runReadiness({ trigger: 'onDemand', print: false });
      reports.push(performance.now() - started);
      if (report.overall === 'fail') throw new Error(`the lab's readiness failed: ${report.checks.filter((c) => c.result === 'fail').map((c) => c.name).join(', ')}`);
      const single = performance.now();
      await rig.devices.cardSlot.describe();
      baseline.push(performance.now() - single);
    }
    return [
      { name: 'readiness report, all automatic checks, lab (median)', value: median(reports), unit: 'ms', budget: { max: 5_000 }, note: `${RUNS} runs; worst ${Math.round(Math.max(...reports))} ms` },
      { name: 'baseline: one card-slot status exchange (median)', value: median(baseline), unit: 'ms', note: 'same run, same lab' },
    ];
  } finally {
    await diag.dispose();
    await rig.close();
  }
}
