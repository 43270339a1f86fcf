/**
 * The options that are set, without those left undefined. Under
 * `exactOptionalPropertyTypes` an option left out is not one set to
 * `undefined`, so a caller handing its own optional settings on writes
 * `...given({ pollMs: options.pollMs })`, not `...(x === undefined ? {} : { pollMs: x })` for each.
 */
export function given<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
