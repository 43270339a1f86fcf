export type ElectronBinary = { path: string; reason: null } | { path: null; reason: string };

export function findElectronBinary(options?: { root?: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): ElectronBinary;
