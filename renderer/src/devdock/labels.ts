import type { DevDockCard, DevDockPerson, Language } from '../contract';

/** The lab writes its labels in English; the dock words them itself, in the kiosk's language. */

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** LRI … PDI: "…0008" stays one left-to-right unit inside Arabic text. */
export function cardLabel(t: Translate, card: DevDockCard): string {
  const number = card.kind === 'technician' ? card.last4 : `\u2066…${card.last4}\u2069`;
  return t(`devDock.cards.kind.${card.kind}`, { number });
}

export function personName(person: DevDockPerson, language: string): string {
  return (language as Language) === 'ar' ? person.nameAr : person.nameEn;
}

interface SmsSegment {
  text: string;
  isCode: boolean;
}

/** The message text with its one-time code picked out, so the dock can highlight it where it stands. */
export function smsSegments(text: string, code: string | null): SmsSegment[] {
  if (!code) return [{ text, isCode: false }];
  const segments: SmsSegment[] = [];
  text.split(code).forEach((part, index) => {
    if (index > 0) segments.push({ text: code, isCode: true });
    if (part) segments.push({ text: part, isCode: false });
  });
  return segments;
}

/** hh:mm:ss on the kiosk's clock, Latin digits (the codes beside them are Latin too). */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString('en-GB', { hour12: false });
}
