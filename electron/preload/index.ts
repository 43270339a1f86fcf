import { contextBridge, ipcRenderer } from 'electron';
import { bridgeChannels } from '../contract/bridge';
import { createKioskBridge } from './kioskBridge';
import type { PortLike } from './messagePortChannel';

/**
 * Sandboxed preload: only contextBridge and ipcRenderer come from Electron, the
 * rest is bundled in. The page gets named methods, never ipcRenderer itself.
 */
const { bridge, connect } = createKioskBridge();

ipcRenderer.on(bridgeChannels.port, (event) => {
  const port = event.ports[0] as unknown as PortLike | undefined;
  if (port) connect(port);
});

contextBridge.exposeInMainWorld('kiosk', bridge);
ipcRenderer.send(bridgeChannels.hello);
