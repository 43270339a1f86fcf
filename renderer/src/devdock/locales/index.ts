import type { Language } from '../../contract';
import ar from './ar.json';
import en from './en.json';

type DevDockMessages = typeof en;

/** The dock's messages, merged into the kiosk's i18n under `devDock` when the dock's chunk loads. */
const devDockMessages: Record<Language, DevDockMessages> = { ar, en };

export function installDevDockMessages(i18n: { mergeLocaleMessage(locale: string, messages: Record<string, unknown>): void }): void {
  for (const language of ['ar', 'en'] as const) i18n.mergeLocaleMessage(language, { devDock: devDockMessages[language] });
}
