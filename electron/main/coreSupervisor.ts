import { utilityProcess } from 'electron';
import type { UtilityProcess } from 'electron';
import { backoffDelay } from '../../common/backoff';
import type { BackoffPolicy } from '../../common/backoff';
import { systemClock } from '../../common/time';
import type { Clock } from '../../common/time';
import type { Log } from './log';

interface CoreSupervisorOptions {
  /** out/core/utility.js: the core bundle, plain Node. */
  entry: string;
  log: Log;
  clock?: Clock;
  restartBackoff?: BackoffPolicy;
  /** Up this long and the next crash is treated as the first again. */
  stableAfterMs?: number;
}

export interface CoreSupervisor {
  start(): void;
  stop(): void;
  /** The core when it is up and can take a port; null while it is down or restarting. */
  running(): UtilityProcess | null;
  /** Told each time a core comes up, the first time and after every restart. */
  onReady(listener: (core: UtilityProcess) => void): () => void;
}

const coreSupervisorDefaults = {
  // No jitter: there is one process to restart, not a crowd to spread.
  restartBackoff: { baseMs: 500, capMs: 30_000, jitter: 'none' },
  stableAfterMs: 60_000,
} as const;

const coreServiceName = 'kiosk-core';

/**
 * Runs the core as a utilityProcess and brings it back whenever it exits, with
 * a growing delay so a core that dies at start-up does not spin the CPU.
 */
export function superviseCore(options: CoreSupervisorOptions): CoreSupervisor {
  const clock = options.clock ?? systemClock;
  const policy = options.restartBackoff ?? coreSupervisorDefaults.restartBackoff;
  const stableAfterMs = options.stableAfterMs ?? coreSupervisorDefaults.stableAfterMs;
  const { log } = options;
  const listeners = new Set<(core: UtilityProcess) => void>();

  let child: UtilityProcess | null = null;
  let up = false;
  let stopped = true;
  let restarts = 0;
  let restartTimer: unknown;
  let stableTimer: unknown;

  const scheduleRestart = (why: object) => {
    const delay = backoffDelay(policy, restarts);
    restarts += 1;
    log.error({ ...why, restartInMs: delay, restarts }, 'core down: restarting');
    restartTimer = clock.setTimeout(() => {
      restartTimer = undefined;
      if (!stopped) spawn();
    }, delay);
  };

  function spawn(): void {
    let core: UtilityProcess;
    try {
      core = utilityProcess.fork(options.entry, [], { serviceName: coreServiceName, stdio: 'pipe' });
    } catch (error) {
      scheduleRestart({ error: error instanceof Error ? error.message : String(error) });
      return;
    }
    child = core;
    up = false;
    // With stdio 'pipe' an unread stream fills up and blocks the core's logging; pass it through.
    core.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    core.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    core.on('spawn', () => {
      if (child !== core) return;
      up = true;
      log.info({ pid: core.pid }, 'core up');
      stableTimer = clock.setTimeout(() => {
        stableTimer = undefined;
        restarts = 0;
      }, stableAfterMs);
      for (const listener of listeners) listener(core);
    });
    core.on('error', (type, location) => log.error({ type, location }, 'core fatal error'));
    core.on('exit', (code) => {
      if (child !== core) return;
      child = null;
      up = false;
      if (stableTimer !== undefined) clock.clearTimeout(stableTimer);
      stableTimer = undefined;
      if (stopped) return;
      scheduleRestart({ code });
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      spawn();
    },
    stop() {
      stopped = true;
      if (restartTimer !== undefined) clock.clearTimeout(restartTimer);
      if (stableTimer !== undefined) clock.clearTimeout(stableTimer);
      restartTimer = stableTimer = undefined;
      const core = child;
      child = null;
      up = false;
      core?.kill();
    },
    running: () => (up ? child : null),
    onReady(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
