/**
 * What the keyboard's editing keys show: an icon and the word, so "Delete"
 * and "Clear" (حذف / مسح) read at a glance and never stand for each other.
 * simple-keyboard takes a key's label as markup; the word is escaped, the
 * icon is one of ours (24×24 line drawing, current colour, hidden from
 * screen readers: the word names the key).
 */

const icons = {
  /** A key with a cross in it, pointing left: the character before. */
  backspace: ['M21 4H8l-7 8 7 8h13a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2z', 'M18 9l-6 6', 'M12 9l6 6'],
  /** An eraser: everything typed goes. */
  clear: ['M20 20H8.5L3.6 15.1a2 2 0 0 1 0-2.8l9.2-9.2a2 2 0 0 1 2.8 0l5.6 5.6a2 2 0 0 1 0 2.8L12.3 20', 'M7.5 9.5l7 7'],
} as const;

export type KeyIcon = keyof typeof icons;

function escaped(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function keyLabel(icon: KeyIcon, word: string): string {
  const paths = icons[icon].map((d) => `<path d="${d}"/>`).join('');
  return `<span class="kiosk-key"><svg class="kiosk-key__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${paths}</svg><span class="kiosk-key__word">${escaped(word)}</span></span>`;
}
