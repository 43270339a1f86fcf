import { execFile } from 'node:child_process';
import type { Logger } from '../log';

/**
 * systemd's service protocol for the core's unit (Type=notify, WatchdogSec=):
 * READY=1 once the kiosk serves its screen, then WATCHDOG=1 at half the
 * watchdog interval for as long as the event loop runs. A hung loop sends
 * nothing, and systemd kills and restarts the core (Restart=on-failure).
 *
 * The datagrams are sent by systemd's own `systemd-notify` (Node has no unix
 * datagram sockets, and a native addon would be one more thing to build and
 * ship): the unit sets NotifyAccess=all so systemd accepts them from a child in
 * the service's cgroup, and `systemd-notify` waits (sd_notify_barrier) until
 * systemd has read each one, so it is attributed before the child exits.
 * Without NOTIFY_SOCKET (not under systemd, or another Type=) nothing is sent.
 */
interface ServiceNotifier {
  /** Whether systemd asked for notifications at all. */
  readonly active: boolean;
  ready(): void;
  stop(): void;
}

interface ServiceNotifierOptions {
  env?: NodeJS.ProcessEnv;
  log: Logger;
  /** The sending program; systemd's. */
  command?: string;
}

export function startServiceNotifier(options: ServiceNotifierOptions): ServiceNotifier {
  const env = options.env ?? process.env;
  const command = options.command ?? 'systemd-notify';
  if (!env.NOTIFY_SOCKET) return { active: false, ready: () => undefined, stop: () => undefined };

  let inFlight = 0;
  let failures = 0;
  const send = (state: string): void => {
    inFlight += 1;
    execFile(command, [state], { env, timeout: 10_000 }, (error) => {
      inFlight -= 1;
      if (error) {
        failures += 1;
        // Once, then every 100th: a missing systemd-notify must be visible, not flood the journal.
        if (failures === 1 || failures % 100 === 0) options.log.warn({ event: 'service.notifyFailed', state, failures, err: error }, `${command} ${state} failed`);
      }
    });
  };

  // WATCHDOG_PID names the process systemd watches; another's watchdog is not ours to feed.
  const watchdogUsec = Number(env.WATCHDOG_USEC);
  const ours = !env.WATCHDOG_PID || Number(env.WATCHDOG_PID) === process.pid;
  let timer: NodeJS.Timeout | null = null;
  if (ours && Number.isFinite(watchdogUsec) && watchdogUsec > 0) {
    const everyMs = Math.max(50, Math.floor(watchdogUsec / 2000));
    timer = setInterval(() => {
      // A ping still on its way (a slow fork on a loaded machine) is enough; they never pile up.
      if (inFlight === 0) send('WATCHDOG=1');
    }, everyMs);
    timer.unref();
    options.log.info({ event: 'service.watchdog', everyMs }, 'pinging the systemd watchdog');
  }

  let readySent = false;
  return {
    active: true,
    ready() {
      if (readySent) return;
      readySent = true;
      send('READY=1');
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
