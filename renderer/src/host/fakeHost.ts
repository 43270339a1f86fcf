import { ref } from 'vue';
import { connectKiosk } from '../contract';
import type { RpcChannel } from '../contract';
import { createHostEvents } from './hostEvents';
import type { ConnectionStatus, KioskHost } from './kioskHost';

/**
 * A host over an already-open channel: the in-memory fake used by component
 * tests (a fake core behind `serveKioskApi`, so calls are validated for real).
 */
export function createFakeHost(channel: RpcChannel): KioskHost {
  const events = createHostEvents();
  const client = connectKiosk(channel, events.emit);
  const status = ref<ConnectionStatus>('connected');
  client.api.getSnapshot({}).then(events.emit.snapshot, () => undefined);
  return events.host(client.api, status, () => {
    client.close();
    status.value = 'disconnected';
  });
}
