// The two timers every runtime common/ runs in has (Node, the browser, a
// worker). common/ is typechecked without Node or DOM types
// (tsconfig.common.json); these are the only host functions it may use.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
