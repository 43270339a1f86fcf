import { createI18n } from 'vue-i18n';
import type { Language } from '../contract';
import ar from '../locales/ar.json';
import en from '../locales/en.json';

type MessageSchema = typeof ar;

const arabicForms = ['zero', 'one', 'two', 'few', 'many', 'other'];
const arabicRules = new Intl.PluralRules('ar');

/** Arabic has six plural forms; messages list them in CLDR order. */
function arabicPlural(choice: number, choicesLength: number): number {
  const index = arabicForms.indexOf(arabicRules.select(choice));
  return Math.min(index < 0 ? choicesLength - 1 : index, choicesLength - 1);
}

/**
 * vue-i18n 11 compiles messages to an AST and interprets it (JIT mode), so no
 * `new Function` is needed and the CSP can keep `script-src 'self'`.
 */
export function createKioskI18n() {
  return createI18n<[MessageSchema], Language, false>({
    legacy: false,
    locale: 'ar',
    fallbackLocale: 'ar',
    messages: { ar, en },
    pluralRules: { ar: arabicPlural },
    missingWarn: false,
    fallbackWarn: false,
  });
}
