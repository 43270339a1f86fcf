import type { Language, MaintenanceView } from '../../contract';
import { technicianPinKeys } from '../../contract';
import type { AtmChoice, AtmMaintenanceStep } from '../atmChoices';

export type { AtmMaintenanceStep } from '../atmChoices';

/**
 * Maintenance at the ATM, driven by the keys beside the screen and the EPP's
 * Enter, Cancel and Clear alone, as the ATM's own screens are: what each
 * maintenance screen offers, each on its key. On the PIN screen the EPP's
 * own Cancel ends the PIN entry in the core; the keys beside the screen for
 * cancel, language and speech are active during it without ending it (the
 * digits typed stay), and the core does what they say.
 */


/** The ATM screen maintenance shows: its phase, or the diagnostics of the ATM's services once opened. */
export type AtmMaintenanceScreen = 'pin' | 'checking' | 'locked' | 'menu' | 'diagnostics';

export function atmMaintenanceScreen(view: MaintenanceView, diagnosticsOpen: boolean): AtmMaintenanceScreen {
  if (view.phase === 'on') return diagnosticsOpen ? 'diagnostics' : 'menu';
  return view.phase;
}

const step = (id: string, side: AtmChoice['side'], row: AtmChoice['row'], what: AtmMaintenanceStep, extra: Partial<AtmChoice> = {}): AtmChoice => ({
  id,
  side,
  row,
  label: `atmmaint.choices.${id}`,
  action: { kind: 'maintenance', step: what },
  ...extra,
});

const otherLanguage = (language: Language): Language => (language === 'ar' ? 'en' : 'ar');

/** `speaking`: the technician's own speech switch (through the ATM's headset jack), as the customer's screens have theirs. */
export function atmMaintenanceChoices(view: MaintenanceView, screen: AtmMaintenanceScreen, busy: boolean, speaking = false): readonly AtmChoice[] {
  // Labelled as the ATM's own language key is: the other language's name, in that language.
  const language = step('maintLanguage', 'end', 1, 'language', { lang: otherLanguage(view.language), label: 'atm.choices.language' });
  const speech = speaking ? step('maintSpeechOff', 'end', 2, 'speechOff') : step('maintSpeechOn', 'end', 2, 'speechOn');
  switch (screen) {
    case 'pin': {
      // Where the core's PIN entry has its FDKs (technicianPinKeys): active while the EPP reads the PIN, the core does what they say.
      const at = technicianPinKeys;
      return [
        step('maintCancel', at.cancel.side, at.cancel.row, 'cancel', { role: 'cancel' }),
        { ...language, side: at.language.side, row: at.language.row },
        { ...speech, side: at.speech.side, row: at.speech.row },
      ];
    }
    case 'checking':
      return [];
    case 'locked':
      return [step('maintClose', 'start', 4, 'cancel', { role: 'cancel' }), language, speech];
    case 'menu':
      return [
        step('maintDiagnostics', 'start', 1, 'diagnostics', { role: 'primary', disabled: busy }),
        view.outOfService
          ? step('maintInService', 'start', 2, 'inService', { disabled: busy })
          : step('maintOutOfService', 'start', 2, 'outOfService', { disabled: busy }),
        language,
        speech,
        step('maintLeave', 'end', 4, 'leave', { role: 'cancel', disabled: busy }),
      ];
    case 'diagnostics':
      return [
        step('maintRunAgain', 'end', 4, 'runDiagnostics', { role: 'primary', disabled: busy }),
        step('maintBack', 'start', 4, 'closeDiagnostics', { role: 'back' }),
        language,
        speech,
      ];
  }
}
