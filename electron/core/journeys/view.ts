import { journeyEventTypes } from '../../contract/journeys';
import type { AnyJourneyService, JourneyEvent, JourneyView, JourneyViewData } from '../../contract/journeys';
import type { JourneyMachineContext, MachineEvent } from './machineTypes';

/** What `snapshot.can` needs to ask "would this step take this event?": shapes only, never real values. */
const probes: Record<JourneyEvent['type'], JourneyEvent> = {
  SUBMIT_ID: { type: 'SUBMIT_ID', idNumber: '' },
  USE_CARD: { type: 'USE_CARD' },
  SUBMIT_CREDENTIALS: { type: 'SUBMIT_CREDENTIALS', login: '', password: '' },
  SUBMIT_CODE: { type: 'SUBMIT_CODE', code: '' },
  RESEND_CODE: { type: 'RESEND_CODE' },
  ACCEPT_TERMS: { type: 'ACCEPT_TERMS' },
  CONFIRM_ACTIVATION: { type: 'CONFIRM_ACTIVATION' },
  SUBMIT_MOBILE: { type: 'SUBMIT_MOBILE', mobile: '' },
  SUBMIT_SECURITY_ANSWER: { type: 'SUBMIT_SECURITY_ANSWER', answer: '' },
  SUBMIT_USERNAME: { type: 'SUBMIT_USERNAME', username: '' },
  SUBMIT_PASSWORD: { type: 'SUBMIT_PASSWORD', password: '', confirmation: '' },
  SUBMIT_EMAIL: { type: 'SUBMIT_EMAIL', email: '', confirmation: '' },
  SUBMIT_CURRENT_PASSWORD: { type: 'SUBMIT_CURRENT_PASSWORD', password: '' },
  SUBMIT_ADDRESS: { type: 'SUBMIT_ADDRESS', address: { buildingNumber: '', street: '', district: '', city: '', postalCode: '', additionalNumber: '' } },
  CHOOSE_LANGUAGE: { type: 'CHOOSE_LANGUAGE', language: 'ar' },
  RETRY: { type: 'RETRY' },
  USE_ALTERNATIVE: { type: 'USE_ALTERNATIVE' },
  BACK: { type: 'BACK' },
  ACTIVATE_NOW: { type: 'ACTIVATE_NOW' },
  SIGN_IN_NOW: { type: 'SIGN_IN_NOW' },
  SEND_USERNAME: { type: 'SEND_USERNAME' },
  RECOVER_PASSWORD: { type: 'RECOVER_PASSWORD' },
  SIGN_OUT: { type: 'SIGN_OUT' },
  FINISH: { type: 'FINISH' },
  // Any menu entry: a step that takes one takes the event (which entry is the guard's business, checked on send).
  CHOOSE_SERVICE: { type: 'CHOOSE_SERVICE', service: 'atmActivate' },
  PRINT_RECEIPT: { type: 'PRINT_RECEIPT' },
  CANCEL: { type: 'CANCEL' },
};

function probeEvent(type: JourneyEvent['type']): MachineEvent {
  return probes[type];
}

/** `{ fingerprint: { verifying: 'calling' } }` → `fingerprint.verifying.calling` (journeys have no parallel states). */
export function statePath(value: unknown): string {
  const parts: string[] = [];
  let current = value;
  while (typeof current === 'object' && current !== null) {
    const [key, inner] = Object.entries(current)[0] ?? [];
    if (key === undefined) break;
    parts.push(key);
    current = inner;
  }
  if (typeof current === 'string') parts.push(current);
  return parts.join('.');
}

interface ViewableSnapshot {
  value: unknown;
  status: string;
  context: JourneyMachineContext;
  hasTag(tag: 'busy' | 'finished' | 'endsSession'): boolean;
  can(event: MachineEvent): boolean;
}

/** Only `shown` reaches a view, without empty entries. */
function cleaned(shown: JourneyViewData): JourneyViewData {
  return Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined)) as JourneyViewData;
}

export function journeyView<S extends AnyJourneyService>(service: S, snapshot: ViewableSnapshot): JourneyView<S> {
  const accepts = snapshot.status === 'active' ? journeyEventTypes.filter((type) => snapshot.can(probeEvent(type))) : [];
  return {
    service,
    step: `${service}.${statePath(snapshot.value)}`,
    data: cleaned(snapshot.context.shown),
    busy: snapshot.hasTag('busy'),
    error: snapshot.context.error && { ...snapshot.context.error },
    canGoBack: accepts.includes('BACK'),
    accepts,
    finished: snapshot.status !== 'active' || snapshot.hasTag('finished'),
  };
}
