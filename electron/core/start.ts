import type { DestinationStream } from 'pino';
import { loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import { KioskCore } from './kiosk';
import { createLogger } from './log';
import type { Logger } from './log';

export interface StartCoreOptions {
  configFile?: string | undefined;
  /** Layered over the file: the browser host's command line, a test's timings. */
  overrides?: unknown;
  logDestination?: DestinationStream;
}

export interface RunningCore {
  core: KioskCore;
  config: KioskConfig;
  log: Logger;
  stop(): Promise<void>;
}

/** The same start-up in Electron's utility process and in the browser host's Node process. */
export async function startCore(options: StartCoreOptions): Promise<RunningCore> {
  const config = await loadConfig({ file: options.configFile, overrides: options.overrides });
  const log = createLogger({ level: config.log.level, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const core = new KioskCore({ config, logger: log });
  core.markStarted();
  return {
    core,
    config,
    log,
    async stop() {
      core.stop();
      log.flush();
    },
  };
}
