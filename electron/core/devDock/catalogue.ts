import type { DevDockCard, DevDockCardKind, DevDockCatalogue, DevDockPerson } from '../../contract/devDockLab';
import type { LabCardSummary } from '../../../drivers/lab/catalogue';
import { cardsOf, technicianCardOf } from '../../../drivers/lab/cards';
import type { DevDockLab } from './ports';
import { last4 } from './redact';

/** A card as the dock lists it: kind and last 4, never the label the lab writes in English. */
export function dockCard(card: { id: string; kind: DevDockCardKind; expiry: string }): DevDockCard {
  const number = card.id.slice(card.id.lastIndexOf('-') + 1);
  return { id: card.id, kind: card.kind, last4: last4(number), expiry: card.expiry };
}

/**
 * The lab's people and cards for the dock's pickers. Passwords, PINs and
 * security answers stay out, as they do from the lab's own control API.
 */
export function buildDockCatalogue(lab: DevDockLab | undefined, hasCentral: boolean): DevDockCatalogue {
  if (!lab) return { hasLab: false, hasCentral, people: [], technicianCards: [] };
  const summaries = new Map<string, LabCardSummary>(lab.cards.map((card) => [card.id, card]));
  const people: DevDockPerson[] = lab.population.people.map((person) => ({
    idNumber: person.idNumber,
    nameAr: person.nameAr,
    nameEn: person.nameEn,
    holderType: person.holderType,
    accountState: person.account?.state ?? 'none',
    username: person.account?.username ?? null,
    mobile: person.mobile,
    fingers: [...person.fingers],
    cards: cardsOf(person).map((card) => dockCard(summaries.get(card.id) ?? card)),
  }));
  const technicianCards = lab.population.technicians.map((technician) => dockCard(technicianCardOf(technician)));
  return { hasLab: true, hasCentral, people, technicianCards };
}
