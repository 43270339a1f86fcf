/** The state a step component draws, without the service: `activate.code.entry` → `code.entry`. */
export function statePathOf(step: string): string {
  return step.slice(step.indexOf('.') + 1);
}

/** The last part of a step: `activate.code.checking.calling` → `calling`. */
export function leafOf(step: string): string {
  return step.slice(step.lastIndexOf('.') + 1);
}

/**
 * The step whose work a busy or error state belongs to: `code.checking.calling`
 * → `code.checking`, `submitting.unavailable` → `submitting`, `activated.returningCard` → `activated`,
 * `activated.sendingUsername` (the outcome's own SMS on its way) → `activated`.
 */
export function ownerOf(step: string): string {
  const path = statePathOf(step).split('.');
  while (path.length > 1 && ['calling', 'unavailable', 'returningCard', 'finished', 'sendingUsername'].includes(path[path.length - 1] ?? '')) path.pop();
  return path.join('.');
}

/**
 * The words for `<group>.<key>` (errors, fieldErrors, outcomes, busy): the
 * journeys' own (`journey.…`), else edit user information's (`edits.…`,
 * then `svcrest.…`), else null. `first` names a base consulted before them
 * (the catalogue's, for a service's inputs).
 */
export function wordsKey(te: (key: string) => boolean, group: string, key: string, leaf = '', first?: string): string | null {
  for (const base of [...(first ? [first] : []), 'journey', 'edits', 'svcrest']) if (te(`${base}.${group}.${key}${leaf}`)) return `${base}.${group}.${key}`;
  return null;
}
