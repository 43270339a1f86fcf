import type { FingerName } from '../../common/fingerprint/fingers';
import type { VirtualCard } from '../cardData/virtualCard';
import { fingerLabel } from './fingerNames';
import type { LabPopulation } from '../../common/demo/population';
import { cardsOf, technicianCardOf } from './cards';

/**
 * Who and what is in the lab, as the control API lists it: people with their
 * fingers and card ids, and every card. No secrets (passwords, PINs, security
 * answers) and no biometrics leave through here.
 */

export interface LabPersonSummary {
  readonly idNumber: string;
  readonly nameEn: string;
  readonly nameAr: string;
  readonly holderType: 'citizen' | 'resident';
  readonly accountState: string;
  readonly fingers: readonly string[];
  readonly cards: readonly string[];
}

export interface LabCardSummary {
  readonly id: string;
  readonly kind: VirtualCard['kind'];
  readonly label: string;
  readonly holderIdNumber: string | null;
  readonly expiry: string;
}

export interface LabCatalogue {
  readonly people: readonly LabPersonSummary[];
  readonly cards: readonly LabCardSummary[];
  /** The fingers a person has enrolled, or undefined for someone not in the lab. */
  fingersOf(idNumber: string): readonly FingerName[] | undefined;
  card(id: string): VirtualCard | undefined;
}

export function buildCatalogue(population: LabPopulation): LabCatalogue {
  const cards = new Map<string, VirtualCard>();
  const fingers = new Map<string, readonly FingerName[]>();
  const people: LabPersonSummary[] = population.people.map((person) => {
    const own = cardsOf(person);
    for (const card of own) cards.set(card.id, card);
    fingers.set(person.idNumber, person.fingers);
    return {
      idNumber: person.idNumber,
      nameEn: person.nameEn,
      nameAr: person.nameAr,
      holderType: person.holderType,
      accountState: person.account?.state ?? 'none',
      fingers: person.fingers.map(fingerLabel),
      cards: own.map((card) => card.id),
    };
  });
  for (const technician of population.technicians) {
    const card = technicianCardOf(technician);
    cards.set(card.id, card);
  }
  return {
    people,
    cards: [...cards.values()].map((card) => ({
      id: card.id,
      kind: card.kind,
      label: card.label,
      holderIdNumber: card.holderIdNumber ?? null,
      expiry: card.expiry,
    })),
    fingersOf: (idNumber) => fingers.get(idNumber),
    card: (id) => cards.get(id),
  };
}
