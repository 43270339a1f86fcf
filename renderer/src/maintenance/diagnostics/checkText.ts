import { useI18n } from 'vue-i18n';
import type { CheckFactValue, CheckResult } from '../../contract';

/** Facts that are times (ms since the epoch): shown as the technician's local date and time. */
const TIME_FACTS = new Set(['lastContactAt', 'lastHeartbeatAt', 'notAfter']);

/**
 * How a check reads in the technician's language: its name, why it is not
 * green (from its code; the core's English detail when the code is new to
 * this screen), each fact's label and value.
 */
export function useCheckText() {
  const { t, te, locale } = useI18n();
  const time = (ms: number): string =>
    new Intl.DateTimeFormat(locale.value === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
  return {
    label: (name: string): string => (te(`maintDiag.checks.${name}`) ? t(`maintDiag.checks.${name}`) : name),
    why: (code: string | null, detail: string): string => (code && te(`maintDiag.codes.${code}`) ? t(`maintDiag.codes.${code}`) : detail),
    result: (result: CheckResult): string => t(`maintDiag.results.${result}`),
    factLabel: (key: string): string => (te(`maintDiag.facts.${key}`) ? t(`maintDiag.facts.${key}`) : key),
    factValue: (key: string, value: CheckFactValue): string => {
      if (value === null) return t('maintDiag.values.none');
      if (typeof value === 'boolean') return t(`maintDiag.values.${value}`);
      if (typeof value === 'number' && TIME_FACTS.has(key)) return time(value);
      // Words the core reports as values (a card's position, a status): in the technician's language where known.
      return typeof value === 'string' && te(`maintDiag.values.${value}`) ? t(`maintDiag.values.${value}`) : String(value);
    },
    time,
  };
}
