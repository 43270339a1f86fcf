import { ref } from 'vue';
import type { Ref } from 'vue';
import type { Language } from '../../contract';
import type en from './en.json';

/**
 * The maintenance screens' messages (the kiosk's overlay and the ATM's maintenance screens: `maintSession`,
 * `maintDiag`, `maintenancePolish`, `maintrest`, `atmmaint`, the test capture's `guidance`, the card secret's
 * `cardsecret`), in their own files so the public's first page does not carry them: loaded by import() when a
 * technician's screen is about to show, merged into the kiosk's i18n, and only then is that screen drawn
 * (`maintenanceMessagesReady`), so it never shows a raw key.
 */
export type MaintenanceMessages = typeof en;

interface MessageTarget {
  mergeLocaleMessage(locale: string, messages: Record<string, unknown>): void;
}

interface Load {
  ready: Ref<boolean>;
  done: Promise<void> | null;
}

// Per i18n instance (the app has one; tests make one per mount).
const loads = new WeakMap<MessageTarget, Load>();

function loadOf(i18n: MessageTarget): Load {
  let load = loads.get(i18n);
  if (!load) {
    load = { ready: ref(false), done: null };
    loads.set(i18n, load);
  }
  return load;
}

/** Merges the maintenance messages into `i18n` now (the lazy load below, and test rigs that hold the files already). */
export function mergeMaintenanceMessages(i18n: MessageTarget, messages: Record<Language, MaintenanceMessages>): void {
  for (const language of ['ar', 'en'] as const) i18n.mergeLocaleMessage(language, { ...messages[language] });
  const load = loadOf(i18n);
  load.done ??= Promise.resolve();
  load.ready.value = true;
}

/** Loads the maintenance messages (once per i18n instance; a failed load is tried again at the next call) and merges them. */
export function installMaintenanceMessages(i18n: MessageTarget): Promise<void> {
  const load = loadOf(i18n);
  load.done ??= Promise.all([import('./ar.json'), import('./en.json')]).then(
    ([ar, en]) => mergeMaintenanceMessages(i18n, { ar: ar.default, en: en.default }),
    (error: unknown) => {
      load.done = null;
      throw error;
    },
  );
  return load.done;
}

/** Whether the maintenance messages are in `i18n` yet: a maintenance screen is drawn only once they are. */
export function maintenanceMessagesReady(i18n: MessageTarget): Readonly<Ref<boolean>> {
  return loadOf(i18n).ready;
}
