import { ipcMain, MessageChannelMain } from 'electron';
import type { IpcMainEvent, UtilityProcess, WebContents } from 'electron';
import { bridgeChannels } from '../contract/bridge';
import type { CoreSupervisor } from './coreSupervisor';
import type { Log } from './log';
import { isKioskUrl } from './origin';

interface PortBrokerOptions {
  core: CoreSupervisor;
  /** Only the kiosk window's renderer gets a port to the core. */
  isKioskContents: (contents: WebContents) => boolean;
  log: Log;
}

/** What the core receives on its parentPort, with the port as `ports[0]`. */
const rendererPortMessage = { type: 'renderer-port' } as const;

/**
 * A hello counts only from the kiosk window's top frame while it shows an
 * app://kiosk page: an iframe, a foreign page or a stray webContents gets no
 * line to the core.
 */
function isTrustedHello(event: IpcMainEvent, isKioskContents: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (frame.frameTreeNodeId !== event.sender.mainFrame.frameTreeNodeId) return false;
  return isKioskUrl(frame.url) && isKioskContents(event.sender);
}

/**
 * Hands each renderer a MessagePort whose other end is in the core, and a
 * fresh one after every core restart so the renderer reconnects by itself.
 */
export function startPortBroker({ core, isKioskContents, log }: PortBrokerOptions): { dispose(): void } {
  const renderers = new Set<WebContents>();

  const connect = (child: UtilityProcess, contents: WebContents) => {
    if (contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage(rendererPortMessage, [port1]);
    contents.postMessage(bridgeChannels.port, null, [port2]);
    log.info({ contents: contents.id }, 'renderer connected to core');
  };

  const onHello = (event: IpcMainEvent) => {
    if (!isTrustedHello(event, isKioskContents)) {
      log.warn({ contents: event.sender.id }, 'hello from an untrusted frame ignored');
      return;
    }
    const contents = event.sender;
    if (!renderers.has(contents)) {
      renderers.add(contents);
      contents.once('destroyed', () => renderers.delete(contents));
    }
    // While the core is down the renderer waits: onReady below connects it.
    const child = core.running();
    if (child) connect(child, contents);
  };

  ipcMain.on(bridgeChannels.hello, onHello);
  const stopListening = core.onReady((child) => {
    for (const contents of renderers) {
      if (!contents.isDestroyed() && isKioskContents(contents) && isKioskUrl(contents.getURL())) connect(child, contents);
    }
  });

  return {
    dispose() {
      ipcMain.off(bridgeChannels.hello, onHello);
      stopListening();
      renderers.clear();
    },
  };
}
