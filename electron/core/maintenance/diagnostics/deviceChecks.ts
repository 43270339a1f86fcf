import type { AtmStatus } from '../../../../drivers/xfs4iot/atm';
import type { CheckOutcome, DiagnosticsReport } from '../../../contract';
import type { DeviceManager } from '../../devices';
import type { CounterValues } from '../../store/deviceCounters';
import { failureOf, outcome, statusOutcome } from './outcome';

/** What the device checks read: the kiosk's own devices (government mode) or the ATM's services, the life counters, the bin threshold. */
export interface DeviceCheckDeps {
  devices: DeviceManager | null;
  atm: { diagnose(): Promise<AtmStatus | null> } | null;
  counters: () => CounterValues;
  retainBinWarnAt: () => number;
  now: () => number;
}

const report = (target: DiagnosticsReport['target'], present: boolean, checks: CheckOutcome[]): DiagnosticsReport => ({ target, present, checks });

/** The retain bin against its threshold: warn at it, fail past twice it (the reader refuses retains when full). */
function retainBinOutcome(device: string, count: number, warnAt: number, at: number): CheckOutcome {
  const facts = { count, warnAt };
  if (count >= warnAt) return outcome(`${device}.retainBin`, 'warn', `${count} cards in the retain bin (empty it at ${warnAt})`, at, { code: 'binNearlyFull', facts });
  return outcome(`${device}.retainBin`, 'pass', `${count} cards in the retain bin`, at, { facts });
}

/** ReadSysPara and the library count through the device (a check that talks to the module, not only its last status). */
export async function fingerprintChecks(deps: DeviceCheckDeps): Promise<DiagnosticsReport> {
  const device = deps.devices?.fingerprint;
  if (!device || device.status === 'noDevice') return report('fingerprint', false, []);
  const info = await device.describe();
  const at = deps.now();
  if (!info.ok) {
    const why = failureOf(info.error);
    return report('fingerprint', true, [outcome('fingerprint.module', 'fail', why.detail, at, { code: why.code, facts: { status: device.status } })]);
  }
  const p = info.value.parameters;
  const facts = {
    deviceId: info.value.deviceId,
    systemId: `0x${p.systemId.toString(16).padStart(4, '0')}`,
    libraryCapacity: p.libraryCapacity,
    securityLevel: p.securityLevel,
    packetSize: p.packetSize,
    baudRate: p.baudRate,
    led: info.value.hasLed,
  };
  const count = info.value.templateCount;
  // The kiosk never stores templates on the module: any in its library were put there by someone else.
  const library =
    count === 0
      ? outcome('fingerprint.library', 'pass', 'library empty (the kiosk keeps no templates)', at, { facts: { templateCount: 0, libraryCapacity: p.libraryCapacity } })
      : outcome('fingerprint.library', 'warn', `${count} templates in the module's library; the kiosk stores none`, at, { code: 'libraryNotEmpty', facts: { templateCount: count } });
  return report('fingerprint', true, [outcome('fingerprint.module', 'pass', `module ${facts.deviceId} answers`, at, { facts }), library]);
}

/** Status, sensors, firmware, the reader's retract counter, and the retain bin the kiosk counts. */
export async function cardSlotChecks(deps: DeviceCheckDeps): Promise<DiagnosticsReport> {
  const device = deps.devices?.cardSlot;
  if (!device || device.status === 'noDevice') return report('cardSlot', false, []);
  const counted = deps.counters().cardSlot ?? {};
  const checks: CheckOutcome[] = [];
  const diagnosis = await device.diagnose();
  const at = deps.now();
  if (!diagnosis.ok) {
    const why = failureOf(diagnosis.error);
    checks.push(outcome('cardSlot.reader', why.code === 'busy' ? 'warn' : 'fail', why.detail, at, { code: why.code, facts: { status: device.status } }));
  } else {
    const { sensors, firmware, retractCounter } = diagnosis.value;
    const facts = {
      position: sensors.position,
      shutter: sensors.shutter,
      gateSwitch: sensors.gateSwitch,
      pd1: sensors.pd1,
      pd2: sensors.pd2,
      pd3: sensors.pd3,
      icContact: sensors.icContact,
      captureBox: sensors.captureBox,
      firmware,
      retractCounter,
    };
    if (sensors.lifeExceeded) checks.push(outcome('cardSlot.reader', 'warn', 'the reader has passed its rated life: schedule a service', at, { code: 'lifeExceeded', facts }));
    else if (sensors.position !== 'noCard') checks.push(outcome('cardSlot.reader', 'warn', `a card is ${sensors.position === 'atGate' ? 'at the gate' : 'inside'}`, at, { code: 'cardPresent', facts }));
    else checks.push(outcome('cardSlot.reader', 'pass', `reader answers${firmware ? `, firmware ${firmware}` : ''}; slot empty`, at, { facts }));
  }
  checks.push(
    outcome('cardSlot.counters', 'pass', `inserted ${counted.inserted ?? 0}, read errors ${counted.readErrors ?? 0}, retained ${counted.retained ?? 0}`, at, {
      facts: { inserted: counted.inserted ?? 0, readErrors: counted.readErrors ?? 0, retained: counted.retained ?? 0 },
    }),
  );
  checks.push(retainBinOutcome('cardSlot', counted.retainBin ?? 0, deps.retainBinWarnAt(), at));
  return report('cardSlot', true, checks);
}

/** The swipe reader is a HID keyboard-like device: its link status is all there is to check without a swipe. */
export function magstripeChecks(deps: DeviceCheckDeps): DiagnosticsReport {
  const device = deps.devices?.magstripe;
  if (!device || device.status === 'noDevice') return report('magstripe', false, []);
  return report('magstripe', true, [statusOutcome('magstripe.link', device.status, deps.now())]);
}

const PRINTER_CONDITION = {
  ready: { result: 'pass', detail: 'ready' },
  paperOut: { result: 'fail', detail: 'out of paper' },
  coverOpen: { result: 'fail', detail: 'the cover is open' },
  error: { result: 'fail', detail: 'mechanism or cutter error' },
} as const;

export function printerChecks(deps: DeviceCheckDeps): DiagnosticsReport {
  const printer = deps.devices?.printer;
  if (!printer || printer.status === 'noDevice') return report('printer', false, []);
  const at = deps.now();
  // A printer out of paper or with its cover open is a hardware error to the kiosk, but it is connected: the paper check says which.
  const connected = printer.status !== 'offline';
  const link = connected ? outcome('printer.link', 'pass', `connected (${printer.status})`, at, { facts: { status: printer.status } }) : statusOutcome('printer.link', printer.status, at);
  if (!connected) return report('printer', true, [link]);
  const condition = PRINTER_CONDITION[printer.condition];
  const facts = { condition: printer.condition, paperNearEnd: printer.paperNearEnd, widthDots: printer.widthDots, ...printer.counters };
  const paper =
    condition.result === 'pass' && printer.paperNearEnd
      ? outcome('printer.paper', 'warn', 'paper near its end: load a new roll soon', at, { code: 'paperLow', facts })
      : outcome('printer.paper', condition.result, condition.detail, at, { code: condition.result === 'pass' ? null : printer.condition, facts });
  return report('printer', true, [link, paper]);
}

/** ATM mode: each XFS4IoT service's Common.Status, the card reader's retain unit and the printer's paper (Storage). */
export async function atmChecks(deps: DeviceCheckDeps): Promise<DiagnosticsReport> {
  if (!deps.atm) return report('atm', false, []);
  const status = await deps.atm.diagnose();
  const at = deps.now();
  if (!status) return report('atm', true, [outcome('atm.publisher', 'fail', 'the ATM’s XFS4IoT services are not connected', at, { code: 'unplugged' })]);
  const checks = (['cardReader', 'pinPad', 'printer'] as const).map((service) => {
    const checked = statusOutcome(`atm.${service}`, status[service], at);
    return { ...checked, detail: `Common.Status: ${checked.detail}` };
  });
  if (status.retainBin) {
    const { count, capacity, full } = status.retainBin;
    const bin = retainBinOutcome('atm', count, deps.retainBinWarnAt(), at);
    checks.push(full ? outcome('atm.retainBin', 'fail', `retain unit full (${count})`, at, { code: 'binFull', facts: { count, capacity: capacity ?? null } }) : { ...bin, facts: { ...bin.facts, capacity: capacity ?? null } });
  }
  if (status.receiptPaper) {
    const paper = status.receiptPaper;
    const result = paper === 'out' ? 'fail' : paper === 'low' ? 'warn' : 'pass';
    checks.push(outcome('atm.paper', result, `receipt paper ${paper}`, at, { code: result === 'pass' ? null : paper === 'out' ? 'paperOut' : 'paperLow', facts: { paper } }));
  }
  return report('atm', true, checks);
}
