import pino from 'pino';
import type { NetworkSource } from '../networkChecks';
import { DiagnosticsService } from '../service';
import type { DeviceManager } from '../../../devices';
import { DeviceCounterBook } from '../../../store/deviceCounters';
import { Outbox } from '../../../store/outbox';
import { openTempStore } from '../../../store/testing/tempStore';
import { transactionIds } from '../../../store/transactionId';
import { TelemetryRecorder } from '../../../telemetry/recorder';
import type { SyncStatus } from '../../../sync/syncOptions';

/** A healthy central as sync would report it (each spec changes what it needs). */
export function healthyNetwork(now: () => number, change: Partial<SyncStatus> = {}): NetworkSource {
  return {
    status: async () => ({
      reachable: true,
      lastContactAt: now(),
      queueDepth: 0,
      oldestPendingAt: null,
      deadLetters: 0,
      certificate: 'valid',
      certificateNotAfter: now() + 30 * 86_400_000,
      ...change,
    }),
    heartbeatInfo: () => ({ at: now(), ok: true, skewMs: 120 }),
    heartbeatIntervalMs: 30_000,
  };
}

/** The diagnostics service over a real temporary store, outbox and telemetry recorder; devices as given (a lab rig's, or none). */
export async function diagnosticsRig(options: { devices: DeviceManager | null; network?: NetworkSource | null; retainBinWarnAt?: number }) {
  const s = await openTempStore();
  const now = () => Date.now();
  const outbox = new Outbox(s.store, s.dataKey, { newTxId: transactionIds('KIOSK-TEST', { now }), now });
  const log = pino({ level: 'silent' });
  const telemetry = new TelemetryRecorder({ store: s.store, enqueue: (tx, event) => outbox.enqueue(tx, event), now, dataKey: s.dataKey, log });
  const counters = await DeviceCounterBook.open(s.store, now);
  // As the running core wires them (start.ts): the card slot's life counts go to the store.
  options.devices?.cardSlot.onCount((counter) => void counters.count('cardSlot', counter));
  const service = new DiagnosticsService({
    devices: options.devices,
    atm: null,
    store: s.store,
    telemetry,
    counters,
    network: () => (options.network === undefined ? healthyNetwork(now) : options.network),
    centralConfigured: true,
    system: { versions: { app: '0.0.0-test' }, configVersion: async () => null, settingSources: () => ({ kioskId: 'file' }), dataDir: s.dir, processStartedAt: now() },
    kioskId: () => 'KIOSK-TEST',
    retainBinWarnAt: () => options.retainBinWarnAt ?? 40,
    now,
    log,
  });
  /** What went to the outbox, decrypted (what central will get). */
  const sent = async () => (await outbox.due({ maxEvents: 1000, maxBytes: 1e9 })).map((e) => e.payload as Record<string, unknown>);
  return { ...s, outbox, telemetry, counters, service, sent };
}
