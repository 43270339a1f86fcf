import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../common/result';
import type { ServiceCatalogueCache } from './catalogue';
import type { DeviceManager } from './devices';
import { storeCaptureSigner } from './journeys/captureSigner';
import type { JourneyPorts } from './journeys/ports';
import type { Logger } from './log';
import type { LogRing } from './logRing';
import type { KioskData, SyncService } from './sync';
import type { TelemetryRecorder } from './telemetry/recorder';

/*
 * The pieces start.ts wires together that have a shape of their own: the
 * journeys' ports, the catalogue refresh, the log upload, and two small
 * start-up readings. Each reaches sync through a getter: sync starts last
 * (or never), and a piece asked before then answers "unavailable".
 */

type CurrentSync = () => SyncService | null;

/** Journeys reach central through sync once it runs; before that (or without central) a call is simply unavailable. */
export function coreJourneyPorts(parts: {
  sync: CurrentSync;
  telemetry: TelemetryRecorder;
  data: KioskData;
  devices: DeviceManager;
  /** At an ATM the ATM's own printer prints inside the atm journey; the kiosk's is not fitted. */
  atmMode: boolean;
}): JourneyPorts {
  const { sync, telemetry, data, devices } = parts;
  return {
    callCitizen: async (call) => {
      const running = sync();
      const result = await (running ? running.callCitizen(call) : Promise.resolve(err({ type: 'centralUnavailable' as const, detail: 'sync with central is not running' })));
      // A fingerprint that central did not match is reported (its quality score, never the template).
      if (call.route === 'verifyFingerprint' && !result.ok && result.error.type === 'problem') {
        const { code, problem } = result.error;
        if (code === 'fingerprint_no_match' || code === 'fingerprint_attempts_exhausted') {
          const body = call.body as { sessionId: string; capture: { quality: number } };
          void telemetry.fingerprintMatchFailed(body.sessionId, {
            quality: body.capture.quality,
            attemptsRemaining: typeof problem.attemptsRemaining === 'number' ? problem.attemptsRemaining : code === 'fingerprint_attempts_exhausted' ? 0 : null,
            exhausted: code === 'fingerprint_attempts_exhausted',
          });
        }
      }
      return result;
    },
    newTransactionId: () => data.newTransactionId(),
    fingerprint: devices.fingerprint,
    cardSlot: devices.cardSlot,
    signCapture: storeCaptureSigner(data),
    // The receipt a result screen offers (government mode; an ATM prints its own inside the atm journey).
    ...(parts.atmMode ? {} : { printer: devices.printer }),
  };
}

/** Fetches central's service catalogue into the cache (when both exist) and logs what became of it. */
export function catalogueRefresher(catalogue: ServiceCatalogueCache | undefined, sync: CurrentSync, log: Logger): () => Promise<void> {
  return async () => {
    const running = sync();
    if (!catalogue || !running) return;
    const r = await catalogue.refresh((etag) => running.catalogue(etag));
    if (!r.ok) log.warn({ event: 'catalogue.fetchFailed', error: r.error.type }, 'service catalogue not fetched');
    else if (r.value.status === 'rejected') log.warn({ event: 'catalogue.rejected', reasons: r.value.reasons }, 'service catalogue refused');
    else if (r.value.status === 'applied') log.info({ event: 'catalogue.applied', version: r.value.version }, 'service catalogue applied');
  };
}

/** The log ring (since the command's time, if it names one), in parts; the upload is a fact of its own. */
export function logUploader(parts: { sync: CurrentSync; logRing: LogRing; telemetry: TelemetryRecorder; log: Logger }): (since: string | null) => Promise<Result<void, string>> {
  return async (since) => {
    const running = parts.sync();
    if (!running) return err('sync with central is not running');
    const uploadId = randomUUID();
    const text = parts.logRing.read(since ? Date.parse(since) : null);
    const sent = await running.uploadLog(uploadId, text);
    if (!sent.ok) return err(sent.error);
    parts.log.info({ event: 'logs.uploaded', uploadId, parts: sent.value.parts, bytes: sent.value.bytes }, 'log ring uploaded to central');
    await parts.telemetry.record({ type: 'logs.uploaded', uploadId, parts: sent.value.parts, bytes: sent.value.bytes });
    return ok();
  };
}

/** The kiosk package's version (package.json beside the bundle; 0.0.0 where there is none). */
export async function appVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Appends each journey state once per process to `path` (O_APPEND: several demo cores may share one file). */
export function journeyStateTrace(path: string): (step: string) => void {
  const seen = new Set<string>();
  return (step) => {
    if (seen.has(step)) return;
    seen.add(step);
    try {
      appendFileSync(path, `${step}\n`);
    } catch {
      // A trace that cannot be written never stops a journey.
    }
  };
}

/**
 * Says when this process stopped answering for a while: a timer that should fire every `everyMs` and came
 * `lateMs` or more late means the event loop was held (a synchronous stretch, or a machine too busy to run
 * us). Devices time out and the screen's link drops in such a stretch; the warning tells which it was.
 */
export function watchEventLoop(log: Pick<Logger, 'warn'>, options: { everyMs?: number; lateMs?: number; now?: () => number } = {}): () => void {
  const everyMs = options.everyMs ?? 500;
  const lateMs = options.lateMs ?? 2_000;
  const now = options.now ?? (() => performance.now());
  let last = now();
  const timer = setInterval(() => {
    const at = now();
    const late = at - last - everyMs;
    last = at;
    if (late >= lateMs) log.warn({ event: 'core.eventLoop.held', ms: Math.round(late) }, `the event loop was held for ${Math.round(late)} ms`);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
