/**
 * What one change to a field sounds like. Only an ordinary field's echo
 * carries what was typed: for a secret field (password, PIN, SMS code) the
 * type itself has no room for the characters (RULES.md: never spoken).
 */
type Echo = { kind: 'typed'; text: string } | { kind: 'entered' } | { kind: 'deleted' } | { kind: 'cleared' };

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * Compares a field's value before and after one change. Typing adds at the
 * end and delete takes from the end (the on-screen keyboards have no caret);
 * a value the screen replaces by itself is not an echo of anything typed.
 */
export function echoOf(before: string, after: string, secret: boolean): Echo | null {
  if (after === before) return null;
  if (after === '') return { kind: 'cleared' };
  if (after.length < before.length && before.startsWith(after)) return { kind: 'deleted' };
  if (after.length > before.length && after.startsWith(before)) {
    return secret ? { kind: 'entered' } : { kind: 'typed', text: after.slice(before.length) };
  }
  return null;
}

const symbolNames: Record<string, string> = { '@': 'at', '.': 'dot', '-': 'dash', _: 'underscore' };

/** A character as a voice should say it on its own: "space", "capital K", "at sign"; anything else as itself. */
export function characterName(char: string, t: Translate): string {
  if (char === ' ') return t('speech.space');
  const symbol = symbolNames[char];
  if (symbol) return t(`speech.symbols.${symbol}`);
  if (/^[A-Z]$/.test(char)) return t('speech.capital', { letter: char });
  return char;
}

export function echoText(echo: Echo, t: Translate): string {
  switch (echo.kind) {
    case 'typed':
      return [...echo.text].map((char) => characterName(char, t)).join(' ');
    case 'entered':
      return t('speech.entered');
    case 'deleted':
      return t('speech.deleted');
    case 'cleared':
      return t('speech.cleared');
    default: {
      const unreachable: never = echo;
      return unreachable;
    }
  }
}
