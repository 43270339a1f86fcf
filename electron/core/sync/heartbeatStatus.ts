import type { KioskSnapshot } from '../../contract';
import type { CounterValues } from '../store/deviceCounters';
import type { HeartbeatBody } from './centralClient';

/** What the heartbeat reports about the kiosk itself; the rest (queue, versions, clock) sync adds. */
export type KioskStatus = Pick<HeartbeatBody, 'appState' | 'unavailableReason' | 'mode' | 'devices'>;

/**
 * The core's snapshot, as a heartbeat wants it. No session content: only
 * whether one is running. Each device's life counters (device_counters) go
 * with its status when it has any.
 */
export function statusFromSnapshot(snapshot: Pick<KioskSnapshot, 'appState' | 'mode' | 'devices'>, counters: CounterValues = {}): KioskStatus {
  return {
    appState: snapshot.appState.state,
    ...(snapshot.appState.state === 'unavailable' ? { unavailableReason: snapshot.appState.reason } : {}),
    mode: snapshot.mode,
    devices: Object.entries(snapshot.devices).map(([device, status]) => {
      const counted = Object.hasOwn(counters, device) ? counters[device] : undefined;
      return counted && Object.keys(counted).length > 0 ? { device, status, counters: { ...counted } } : { device, status };
    }),
  };
}
