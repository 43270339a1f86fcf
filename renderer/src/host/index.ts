import { createElectronHost } from './electronHost';
import type { KioskHost } from './kioskHost';
import { createWebSocketHost, readLaunchToken } from './webSocketHost';

export type { KioskHost } from './kioskHost';

let installed: KioskHost | null = null;

/** The one place that decides how this renderer reaches the core. */
export function createKioskHost(): KioskHost {
  if (window.kiosk) return createElectronHost(window.kiosk);
  const token = readLaunchToken() ?? '';
  return createWebSocketHost({ url: `ws://${location.host}/rpc?token=${encodeURIComponent(token)}` });
}

export function installKioskHost(host: KioskHost): void {
  installed = host;
}

/** What stores call; never `window.kiosk` directly. */
export function useKioskHost(): KioskHost {
  if (!installed) throw new Error('no kiosk host installed');
  return installed;
}
