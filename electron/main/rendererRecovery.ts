import type { BrowserWindow } from 'electron';
import { backoffDelay } from '../../common/backoff';
import type { BackoffPolicy } from '../../common/backoff';
import { systemClock } from '../../common/time';
import type { Clock } from '../../common/time';
import type { Log } from './log';

interface RendererRecoveryOptions {
  createWindow: () => BrowserWindow;
  startUrl: string;
  log: Log;
  clock?: Clock;
  reloadBackoff?: BackoffPolicy;
  /** This many crashes within `crashWindowMs` and the window itself is replaced. */
  crashesBeforeRecreate?: number;
  crashWindowMs?: number;
  /** A hung renderer gets this long to come back before it is killed and reloaded. */
  hangGraceMs?: number;
  /** Up this long after a load and the backoff starts again from the beginning. */
  stableAfterMs?: number;
}

export interface RendererRecovery {
  current(): BrowserWindow;
  dispose(): void;
}

const rendererRecoveryDefaults = {
  // No jitter: one window to bring back, not a crowd to spread.
  reloadBackoff: { baseMs: 1_000, capMs: 30_000, jitter: 'none' },
  crashesBeforeRecreate: 3,
  crashWindowMs: 5 * 60_000,
  hangGraceMs: 10_000,
  stableAfterMs: 60_000,
} as const;

/** Chromium's net::ERR_ABORTED: a load replaced by another, not a failure. */
const loadAborted = -3;

/**
 * Keeps a kiosk screen up whatever the renderer does: a crash reloads the start
 * page after a growing delay, a hang is given a grace period and then killed
 * (which comes back here as a crash), and a renderer that keeps crashing gets a
 * brand-new window rather than another reload of the same one.
 */
export function superviseRenderer(options: RendererRecoveryOptions): RendererRecovery {
  const clock = options.clock ?? systemClock;
  const policy = options.reloadBackoff ?? rendererRecoveryDefaults.reloadBackoff;
  const crashesBeforeRecreate = options.crashesBeforeRecreate ?? rendererRecoveryDefaults.crashesBeforeRecreate;
  const crashWindowMs = options.crashWindowMs ?? rendererRecoveryDefaults.crashWindowMs;
  const hangGraceMs = options.hangGraceMs ?? rendererRecoveryDefaults.hangGraceMs;
  const stableAfterMs = options.stableAfterMs ?? rendererRecoveryDefaults.stableAfterMs;
  const { log } = options;

  let window = options.createWindow();
  let consecutiveFailures = 0;
  let recentCrashes: number[] = [];
  let recoveryTimer: unknown;
  let hangTimer: unknown;
  let stableTimer: unknown;
  let disposed = false;

  const clear = (handle: unknown) => {
    if (handle !== undefined) clock.clearTimeout(handle);
  };
  const clearAll = () => {
    clear(recoveryTimer);
    clear(hangTimer);
    clear(stableTimer);
    recoveryTimer = hangTimer = stableTimer = undefined;
  };

  const recreate = () => {
    const old = window;
    log.error({ crashes: recentCrashes.length }, 'renderer keeps crashing: recreating the window');
    recentCrashes = [];
    window = options.createWindow();
    attach(window);
    if (!old.isDestroyed()) old.destroy();
  };

  const reload = () => {
    window.webContents.loadURL(options.startUrl).catch(() => undefined);
  };

  const recover = (owner: BrowserWindow, reason: string, isCrash: boolean) => {
    if (disposed || owner !== window || owner.isDestroyed()) return;
    clear(stableTimer);
    clear(hangTimer);
    stableTimer = hangTimer = undefined;
    if (isCrash) {
      const now = clock.now();
      recentCrashes = [...recentCrashes.filter((at) => now - at < crashWindowMs), now];
    }
    const delay = backoffDelay(policy, consecutiveFailures);
    consecutiveFailures += 1;
    const replace = recentCrashes.length >= crashesBeforeRecreate;
    log.warn({ reason, delayMs: delay, attempt: consecutiveFailures, replace }, 'renderer down: recovering');
    clear(recoveryTimer);
    recoveryTimer = clock.setTimeout(() => {
      recoveryTimer = undefined;
      if (disposed) return;
      if (replace) recreate();
      else reload();
    }, delay);
  };

  function attach(owner: BrowserWindow): void {
    const contents = owner.webContents;
    contents.on('render-process-gone', (_event, details) => recover(owner, details.reason, true));
    contents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
      if (isMainFrame && errorCode !== loadAborted) recover(owner, `load failed (${errorCode})`, false);
    });
    contents.on('did-finish-load', () => {
      if (owner !== window) return;
      clear(stableTimer);
      stableTimer = clock.setTimeout(() => {
        stableTimer = undefined;
        consecutiveFailures = 0;
      }, stableAfterMs);
    });
    owner.on('unresponsive', () => {
      if (owner !== window || hangTimer !== undefined) return;
      log.warn({ graceMs: hangGraceMs }, 'renderer unresponsive');
      hangTimer = clock.setTimeout(() => {
        hangTimer = undefined;
        if (disposed || owner !== window || owner.isDestroyed()) return;
        log.error({}, 'renderer still unresponsive: killing it');
        // Emits render-process-gone, which reloads through the same backoff as a crash.
        contents.forcefullyCrashRenderer();
      }, hangGraceMs);
    });
    owner.on('responsive', () => {
      if (owner !== window || hangTimer === undefined) return;
      clear(hangTimer);
      hangTimer = undefined;
      log.info({}, 'renderer responsive again');
    });
  }

  attach(window);
  return {
    current: () => window,
    dispose() {
      disposed = true;
      clearAll();
    },
  };
}
