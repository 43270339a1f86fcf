import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, Menu, powerSaveBlocker, session } from 'electron';
import { registerAppScheme, serveAppProtocol } from './appProtocol';
import { appPaths } from './appPaths';
import { superviseCore } from './coreSupervisor';
import { debugFlagsIn, debugRefusalMessage } from './debugFlags';
import { createKioskWindow } from './kioskWindow';
import { createMainLog } from './log';
import { kioskStartUrl } from './origin';
import { startPortBroker } from './portBroker';
import { isProduction } from './profile';
import { superviseRenderer } from './rendererRecovery';
import type { RendererRecovery } from './rendererRecovery';
import { lockDownSession } from './sessionLockdown';
import { claimSingleInstance } from './singleInstance';
import { lockDownEveryWebContents } from './webContentsLockdown';

const production = isProduction({ isPackaged: app.isPackaged, env: process.env });
const log = createMainLog(production);
const paths = appPaths(path.dirname(fileURLToPath(import.meta.url)));

function refuseDebugging(): boolean {
  if (!production) return false;
  const flags = debugFlagsIn({
    argv: process.argv,
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
    hasChromiumSwitch: (name) => app.commandLine.hasSwitch(name),
  });
  if (flags.length === 0) return false;
  console.error(debugRefusalMessage(flags));
  log.error({ flags }, 'refused to start with debugging switches');
  app.exit(1);
  return true;
}

let renderer: RendererRecovery | null = null;

function main(): void {
  if (refuseDebugging()) return;
  if (!claimSingleInstance(() => renderer?.current() ?? null)) return;

  // Both must happen before ready: privileged schemes and the sandbox are fixed at start-up.
  registerAppScheme();
  app.enableSandbox();
  lockDownEveryWebContents({ production, log });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    Menu.setApplicationMenu(null);
    lockDownSession(session.defaultSession, { production, log });
    serveAppProtocol(paths.rendererRoot, log);
    powerSaveBlocker.start('prevent-display-sleep');

    const core = superviseCore({ entry: paths.coreEntry, log });
    renderer = superviseRenderer({
      createWindow: () => createKioskWindow({ preload: paths.preload, production }),
      startUrl: kioskStartUrl,
      log,
    });
    const broker = startPortBroker({
      core,
      isKioskContents: (contents) => renderer?.current().webContents === contents,
      log,
    });
    core.start();

    app.on('before-quit', () => {
      broker.dispose();
      renderer?.dispose();
      core.stop();
    });
    log.info({ production }, 'kiosk started');
  });
}

main();
