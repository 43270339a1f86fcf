import type { Language } from '../contract';
import type { Translate } from '../speech/echo';
import { fdkOf } from './atmChoices';
import type { AtmChoice } from './atmChoices';

/**
 * A choice as the headset says it: its words, then where the key that makes
 * it is ("the top key on the right") and the EPP key that makes it too. The
 * keys are said by their place, never by a number: no digit is ever spoken
 * at an ATM (a voice saying numbers is one the person beside could take for
 * a PIN's). A choice that cannot be made now is not said.
 */
export function spokenChoice(choice: AtmChoice, language: Language, t: Translate): string {
  if (choice.disabled) return '';
  const fdk = Number(fdkOf(choice, language).slice('fdk'.length));
  const side = fdk <= 4 ? 'left' : 'right';
  const row = fdk <= 4 ? fdk : fdk - 4;
  // The language switch is labelled in the other language; it is said by the language's name in this one.
  const label = choice.id === 'language' || choice.label === 'atm.choices.language' ? t('atm.speech.otherLanguage') : t(choice.label ?? `atm.choices.${choice.id}`);
  return t('atm.speech.choice', {
    label,
    key: t(`atm.speech.row${row}`),
    side: t(`atm.speech.${side}`),
    orKey: choice.role ? t('atm.speech.orKey', { key: t(`atm.keys.${choice.role}`) }) : '',
  });
}
