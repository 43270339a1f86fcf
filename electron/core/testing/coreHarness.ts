import { Writable } from 'node:stream';
import type { Clock } from '../../../common/time';
import { SimulatedClock } from 'xstate';
import { connectKiosk, createMemoryChannelPair } from '../../contract';
import type { KioskSnapshot, SessionEndReason } from '../../contract';
import { resolveConfig } from '../config/load';
import { KioskCore } from '../kiosk';
import { createLogger } from '../log';

/** A KioskCore on a simulated clock with one connected renderer, for specs. */
export function startTestCore(configOverrides: unknown = {}) {
  const simulated = new SimulatedClock();
  const clock: Clock = {
    setTimeout: (fn, ms) => simulated.setTimeout(fn, ms),
    clearTimeout: (id) => simulated.clearTimeout(id as number),
    now: () => simulated.now(),
  };
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const config = resolveConfig([configOverrides]);
  let sessions = 0;
  const core = new KioskCore({
    config,
    logger: createLogger({ level: 'info', destination }),
    clock,
    newSessionId: () => `session-${++sessions}`,
  });
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const snapshots: KioskSnapshot[] = [];
  const ended: { sessionId: string; reason: SessionEndReason }[] = [];
  let reloads = 0;
  core.connect(coreEnd);
  const client = connectKiosk(rendererEnd, {
    snapshot: (s) => snapshots.push(s),
    sessionEnded: (e) => ended.push(e),
    reloadRequested: () => void (reloads += 1),
  });
  return {
    core,
    api: client.api,
    channel: rendererEnd,
    clock: simulated,
    snapshots,
    ended,
    logLines,
    reloads: () => reloads,
    latest: () => snapshots[snapshots.length - 1],
    settle: () => new Promise((r) => setTimeout(r, 0)),
  };
}
