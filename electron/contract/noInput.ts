/** The input of a procedure that takes nothing: `{}`, and the core refuses any field in it. */
export type NoInput = Record<string, never>;
