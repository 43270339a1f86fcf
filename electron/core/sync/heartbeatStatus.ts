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
      // At an ATM the card slot is the ATM's card reader, whose retained cards are counted as atmCardReader.
      const key = snapshot.mode === 'atm' && device === 'cardSlot' ? 'atmCardReader' : device;
      const counted = Object.hasOwn(counters, key) ? counters[key] : undefined;
      return counted && Object.keys(counted).length > 0 ? { device, status, counters: { ...counted } } : { device, status };
    }),
  };
}
