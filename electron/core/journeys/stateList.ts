import type { JourneyService } from '../../contract/journeys';
import { journeyMachines } from './machines';

interface StateNodeLike {
  path: string[];
  states: Record<string, StateNodeLike>;
}

/**
 * Every state of a journey machine, from its definition, as the view's
 * `step` names them (`activate.fingerprint.capturing`). Compound states are
 * listed too: a screen may key on either. The e2e suite reuses this list.
 */
export function journeyStates(service: JourneyService): string[] {
  const out: string[] = [];
  const walk = (node: StateNodeLike): void => {
    for (const child of Object.values(node.states)) {
      out.push(`${service}.${child.path.join('.')}`);
      walk(child);
    }
  };
  walk(journeyMachines[service].root as unknown as StateNodeLike);
  return out;
}

/** `a.b.c` → `a`, `a.b`, `a.b.c`: a state and every ancestor are visited together. */
export function withAncestors(step: string): string[] {
  const [service, ...path] = step.split('.');
  return path.map((_, i) => `${service}.${path.slice(0, i + 1).join('.')}`);
}
