import type { Language } from '../../contract';
import ar from './ar.json';
import en from './en.json';

type AtmMessages = typeof en;

/** The ATM screens' messages, merged into the kiosk's i18n under `atm` when the ATM app mounts (their own files: see README). */
const atmMessages: Record<Language, AtmMessages> = { ar, en };

export function installAtmMessages(i18n: { mergeLocaleMessage(locale: string, messages: Record<string, unknown>): void }): void {
  for (const language of ['ar', 'en'] as const) i18n.mergeLocaleMessage(language, { atm: atmMessages[language] });
}
