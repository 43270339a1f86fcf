import type { AnyJourneyService } from '../../contract/journeys';
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
export function journeyStates(service: AnyJourneyService): string[] {
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

interface StateNodeShape {
  path: string[];
  type: string;
  always?: { guard?: unknown }[];
  tags?: string[];
  states: Record<string, StateNodeShape>;
}

/**
 * States no screen can show, by the machine's own definition: the top-level
 * final states (the journey handed over or was wiped — the machine is gone)
 * and states that always pass straight on (an eventless transition without a
 * guard, like `activate.checkAccount`). A state whose eventless transition is
 * guarded (`*.returningCard` when no card was used) does show when the guard
 * holds, so it is not listed. And a result that ends the session (tagged
 * `endsSession`): its screen is the staff referral the session's end shows.
 */
export function screenlessStates(service: AnyJourneyService): string[] {
  const root = journeyMachines[service].root as unknown as StateNodeShape;
  const out: string[] = [];
  const walk = (node: StateNodeShape, depth: number): void => {
    for (const child of Object.values(node.states)) {
      const passesStraightOn = (child.always ?? []).some((t) => t.guard === undefined);
      // A result that ends the session (`*.referToStaff.finished`) is never drawn: it is held back while its
      // outcome is committed (SessionOutcome), and the session ends meanwhile; its screen is the staff referral.
      const endsSession = (child.tags ?? []).includes('endsSession');
      if (passesStraightOn || endsSession || (depth === 0 && child.type === 'final')) out.push(`${service}.${child.path.join('.')}`);
      walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
