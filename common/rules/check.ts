/** A rule's verdict: the normalised value, or the stable words of what failed. */
export type RuleCheck<T, V extends string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly violations: readonly V[] };

export function passed<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function failed<V extends string>(...violations: V[]): { readonly ok: false; readonly violations: readonly V[] } {
  return { ok: false, violations };
}
