/**
 * Reading a screen aloud from what is drawn, so every screen and step is
 * covered without code of its own: its heading and the lines right under it
 * (the prompt), a dialog's title and body, an alert's words.
 */

/**
 * Never read aloud: what is hidden or only drawn (the SMS code boxes are
 * aria-hidden), what a field holds (its value is not text, and a password's
 * must never be), and anything marked secret.
 */
const unspoken = '[aria-hidden="true"], [hidden], [data-secret], input, textarea, select, script, style, svg, template';
const blockTags = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'DD', 'DIV', 'DL', 'DT', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL']);
const endsSentence = /[.!?؟:;؛،,…]$/;

interface ReadOptions {
  /** Count-downs change every second: an alert that is only counting down has nothing new to say. */
  timers?: boolean;
}

function isUnspoken(el: Element, { timers = true }: ReadOptions): boolean {
  if (el.matches(unspoken)) return true;
  if (!timers && el.getAttribute('role') === 'timer') return true;
  // v-show hides with an inline style.
  return el instanceof HTMLElement && el.style.display === 'none';
}

/** Sentences, each ended so a voice pauses between a heading and its text. */
export function joinSentences(parts: readonly string[]): string {
  const kept = parts.map((p) => p.trim()).filter((p) => p !== '');
  return kept.map((p, i) => (i < kept.length - 1 && !endsSentence.test(p) ? `${p}.` : p)).join(' ');
}

/** The words inside an element as a voice should say them: blocks become sentences, hidden and secret parts are left out. */
export function speakableText(root: Element, options: ReadOptions = {}): string {
  const sentences: string[] = [];
  let line = '';
  const endLine = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) sentences.push(text);
    line = '';
  };
  const visit = (node: Node): void => {
    if (node.nodeType === node.TEXT_NODE) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== node.ELEMENT_NODE) return;
    const el = node as Element;
    if (isUnspoken(el, options)) return;
    // What a voice says instead of what is drawn (empty: nothing): a masked number as "the number on your card", an ATM choice with its key.
    const instead = el.getAttribute('data-speak');
    if (instead !== null) {
      endLine();
      line = instead;
      endLine();
      return;
    }
    const block = blockTags.has(el.tagName);
    // Templates drop the whitespace between tags: inline parts still need a space between them.
    if (block) endLine();
    else line += ' ';
    el.childNodes.forEach(visit);
    if (block) endLine();
    else line += ' ';
  };
  visit(root);
  endLine();
  return joinSentences(sentences);
}

/** The language an element is written in (its own `lang` or its nearest ancestor's). */
export function languageOf(el: Element): string | null {
  return el.closest('[lang]')?.getAttribute('lang') ?? null;
}

/** A screen's heading: its h1, or (a panel inside a dialog, whose headings start lower) the one marked for speech. */
export const SCREEN_HEADING = 'h1, [data-speech-heading]';

/**
 * A screen's prompt: all of it when it is marked `data-speak-whole`; else its heading and the paragraphs right after it in the
 * same language (a step's intro, the services menu's line of help), then
 * those right after the heading's own block (the code step's "sent to" number).
 * The attract screen's second-language welcome is for someone else.
 */
export function promptOf(screen: Element): { text: string; lang: string | null } {
  // A screen with little on it and keys beside it (an ATM's) is said whole, its choices with it.
  if (screen.hasAttribute('data-speak-whole')) return { text: speakableText(screen), lang: languageOf(screen) };
  const heading = screen.querySelector(SCREEN_HEADING);
  if (!heading) return { text: '', lang: languageOf(screen) };
  const lang = languageOf(heading);
  const parts = [speakableText(heading)];
  const paragraphsAfter = (el: Element) => {
    for (let next = el.nextElementSibling; next?.tagName === 'P' && languageOf(next) === lang; next = next.nextElementSibling) {
      parts.push(speakableText(next));
    }
  };
  paragraphsAfter(heading);
  const block = heading.parentElement?.closest('header');
  if (block && screen.contains(block) && block !== screen) paragraphsAfter(block);
  return { text: joinSentences(parts), lang };
}

/** A dialog's title and body (by its aria-labelledby and aria-describedby), else all it says. */
export function dialogTextOf(dialog: Element): string {
  const byIds = (attribute: string) =>
    (dialog.getAttribute(attribute) ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => dialog.ownerDocument.getElementById(id))
      .filter((el): el is HTMLElement => el !== null && dialog.contains(el))
      .map((el) => speakableText(el));
  const parts = [...byIds('aria-labelledby'), ...byIds('aria-describedby')];
  return parts.length ? joinSentences(parts) : speakableText(dialog);
}
