import type { Language, ResultValue, ValueTone } from '../contract';
import type { IconName } from '../components/icons';

/** Dates as people read them: Gregorian in both languages, Western digits (as the portal shows them). */
function formatDate(isoDay: string, language: Language): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return new Intl.DateTimeFormat(language === 'ar' ? 'ar-SA-u-ca-gregory-nu-latn' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A status's icon beside its words (colour is never the only cue). */
export const toneIcons: Record<ValueTone, IconName> = { ok: 'check', warning: 'clock', problem: 'alert', neutral: 'info' };

/** One value as text, in the screen's language (`t` gives the words with their plural). */
export function valueText(value: ResultValue, language: Language, t: (key: string, params: Record<string, unknown>, plural?: number) => string): string {
  switch (value.type) {
    case 'text':
    case 'maskedNumber':
      return value.text;
    case 'localized':
      return value.text[language];
    case 'date':
      return formatDate(value.date, language);
    case 'money':
      return t('catalogue.values.sar', { amount: value.amount.toLocaleString(language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB') });
    case 'number':
      return String(value.count);
    case 'days':
      return t('catalogue.values.days', { n: value.count }, value.count);
    case 'status':
      return value.label[language];
    case 'none':
      return t('catalogue.values.none', {});
  }
}
