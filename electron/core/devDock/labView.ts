import type { DevDockCardSlotState, DevDockFingerName, DevDockFingerprintState } from '../../contract/devDockLab';
import type { VirtualCard } from '../../../drivers/cardData/virtualCard';
import { parseFingerName } from '../../../drivers/lab/fingerNames';
import type { DevDockLab } from './ports';
import { dockCard } from './catalogue';

/** The lab bench as the dock draws it. */

export function cardSlotView(lab: DevDockLab, held: VirtualCard | null): DevDockCardSlotState {
  const slot = lab.cardSlot.state();
  const card = slot.card && lab.card(slot.card.id);
  return {
    plugged: slot.plugged,
    position: slot.state,
    shutter: slot.entry === 'disabled' ? 'closed' : slot.entry,
    card: card ? dockCard(card) : null,
    heldCard: held ? dockCard(held) : null,
    retainedCards: slot.retainedCards.length,
    slowMs: slot.faults.slowMs,
    counters: { ...slot.counters },
  };
}

export function fingerprintView(lab: DevDockLab): DevDockFingerprintState {
  const reader = lab.fingerprint.state();
  let finger: DevDockFingerprintState['finger'] = null;
  const name: DevDockFingerName | undefined = reader.finger ? parseFingerName(reader.finger.finger) : undefined;
  if (reader.finger && name) {
    const person = lab.population.people.find((p) => p.idNumber === reader.finger?.person);
    finger = { personId: person?.idNumber ?? null, finger: name, enrolled: person?.fingers.includes(name) ?? false };
  }
  return {
    plugged: reader.plugged,
    finger,
    responding: reader.faults.responding,
    slowMs: reader.faults.slowMs,
    counters: { ...reader.counters },
  };
}
