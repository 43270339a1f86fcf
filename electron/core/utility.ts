/**
 * Entry when Electron runs the core as a utilityProcess. No `electron` import:
 * the parent port is on `process.parentPort`, and each renderer arrives as a
 * MessagePortMain sent by main.
 */
import type { RpcChannel } from '../contract';
import { startCore } from './start';

interface PortMain {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  off(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  start(): void;
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMain[] }) => void): void;
}

function portChannel(port: PortMain): RpcChannel {
  const wrapped = new Map<(d: string) => void, (e: { data: unknown }) => void>();
  return {
    post: (data) => port.postMessage(data),
    on(listener) {
      const handler = (e: { data: unknown }) => typeof e.data === 'string' && listener(e.data);
      wrapped.set(listener, handler);
      port.on('message', handler);
    },
    off(listener) {
      const handler = wrapped.get(listener);
      if (handler) port.off('message', handler);
    },
  };
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  process.stderr.write('kiosk core: utility.js runs under Electron; use the browser host (npm start -- --browser=none) in plain Node\n');
  process.exit(2);
}

function configFromEnvironment(): unknown {
  const json = process.env.KIOSK_CONFIG_JSON;
  if (!json) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    process.stderr.write('kiosk core: KIOSK_CONFIG_JSON is not valid JSON\n');
    process.exit(2);
  }
}

// A technician's "restart the core": stop cleanly and exit; the main process's supervisor starts a fresh core.
const restart = (): void => void running.stop().finally(() => process.exit(75));
const running = await startCore({ configFile: process.env.KIOSK_CONFIG, overrides: configFromEnvironment(), restart });
parentPort.on('message', ({ data, ports }) => {
  const message = data as { type?: unknown } | null;
  const port = ports[0];
  if (message?.type !== 'renderer-port' || !port) return;
  const disconnect = running.core.connect(portChannel(port));
  port.on('close', disconnect);
  port.start();
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => void running.stop().then(() => process.exit(0)));
}
