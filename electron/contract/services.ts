import type { AnyDeviceClass } from './devices';

/**
 * The portal's services as the kiosk offers them (RULES.md), and what each
 * needs to run. The core decides availability; the renderer only draws it.
 */
export interface ServiceDefinition {
  id: string;
  /** A group of the catalogue (common/wire/catalogue.ts SERVICE_GROUPS). */
  group: string;
  needsCentral: boolean;
  /** Devices without which the journey cannot start (a biometric always has a fallback route, so most need none). */
  needsDevices: readonly AnyDeviceClass[];
}

export const serviceCatalogue = [
  { id: 'register', group: 'account', needsCentral: true, needsDevices: [] },
  { id: 'activate', group: 'account', needsCentral: true, needsDevices: ['fingerprint'] },
  { id: 'signIn', group: 'account', needsCentral: true, needsDevices: [] },
  { id: 'recoverPassword', group: 'account', needsCentral: true, needsDevices: [] },
  { id: 'recoverUsername', group: 'account', needsCentral: true, needsDevices: [] },
  { id: 'updateMobile', group: 'editProfile', needsCentral: true, needsDevices: ['fingerprint'] },
  { id: 'changeEmail', group: 'editProfile', needsCentral: true, needsDevices: [] },
  { id: 'changePassword', group: 'editProfile', needsCentral: true, needsDevices: [] },
  { id: 'changeAddress', group: 'editProfile', needsCentral: true, needsDevices: [] },
  { id: 'changeMobile', group: 'editProfile', needsCentral: true, needsDevices: [] },
  { id: 'visaStatus', group: 'inquiries', needsCentral: true, needsDevices: [] },
  { id: 'trafficViolations', group: 'inquiries', needsCentral: true, needsDevices: [] },
  { id: 'documentValidity', group: 'inquiries', needsCentral: true, needsDevices: [] },
] as const satisfies readonly ServiceDefinition[];

export type ServiceId = (typeof serviceCatalogue)[number]['id'];
export const serviceIds = serviceCatalogue.map((s) => s.id) as readonly ServiceId[];

export type ServiceUnavailableReason = 'notBuilt' | 'hardware' | 'central' | 'maintenance' | 'outOfService';

export interface ServiceAvailability {
  id: string;
  group: string;
  available: boolean;
  /** Set when `available` is false: what the person is told. */
  reason?: ServiceUnavailableReason;
}
