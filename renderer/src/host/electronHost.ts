import { ref } from 'vue';
import { KioskError, procedureNames } from '../contract';
import type { BridgeResult, KioskApi, KioskBridge, ProcedureName } from '../contract';
import { createHostEvents } from './hostEvents';
import type { ConnectionStatus, KioskHost } from './kioskHost';

/** The Electron preload's `window.kiosk`: results arrive as values, errors as data. */
export function createElectronHost(bridge: KioskBridge): KioskHost {
  const status = ref<ConnectionStatus>('connecting');
  const events = createHostEvents();

  async function call(name: ProcedureName, input: unknown): Promise<unknown> {
    let result: BridgeResult<unknown>;
    try {
      result = await (bridge[name] as (input: unknown) => Promise<BridgeResult<unknown>>)(input);
    } catch {
      status.value = 'disconnected';
      throw new KioskError('disconnected', 'the kiosk core is not reachable');
    }
    if (result.ok) {
      status.value = 'connected';
      return result.value;
    }
    const error = KioskError.fromData(result.error);
    if (error.code === 'disconnected') status.value = 'disconnected';
    throw error;
  }

  const api = Object.fromEntries(procedureNames.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as KioskApi;

  const unsubscribe = [
    bridge.onSnapshot((snapshot) => {
      status.value = 'connected';
      events.emit.snapshot(snapshot);
    }),
    bridge.onSessionEnded((event) => events.emit.sessionEnded(event)),
    bridge.onReloadRequested(() => events.emit.reloadRequested()),
  ];
  api.getSnapshot({}).then(events.emit.snapshot, () => undefined);

  return events.host(api, status, () => unsubscribe.forEach((off) => off()));
}
