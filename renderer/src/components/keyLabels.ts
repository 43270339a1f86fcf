/**
 * What the keyboard's editing keys show: an icon and the word, so "Delete"
 * and "Clear" (حذف / مسح) read at a glance and never stand for each other.
 * simple-keyboard takes a key's label as markup, so BaseIcon cannot draw it:
 * the word is escaped, the icon comes from icons.ts like every other (current
 * colour, hidden from screen readers: the word names the key).
 */

import { icons, type IconName, type IconShape } from './icons';

function escaped(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A key's label: one of the kiosk's icons (mirrored right-to-left when it points somewhere) above the word. */
export function keyLabel(icon: IconName, word: string): string {
  const { paths, directional }: IconShape = icons[icon];
  const svgPaths = paths.map((d) => `<path d="${d}"/>`).join('');
  const mirror = directional ? ' kiosk-key__icon--directional' : '';
  return `<span class="kiosk-key"><svg class="kiosk-key__icon${mirror}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${svgPaths}</svg><span class="kiosk-key__word">${escaped(word)}</span></span>`;
}
