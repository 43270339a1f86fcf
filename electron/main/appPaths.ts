import path from 'node:path';

interface AppPaths {
  preload: string;
  rendererRoot: string;
  coreEntry: string;
}

/**
 * Where the build puts things, seen from out/main (where index.js runs). Inside
 * an asar the same relative layout holds.
 */
export function appPaths(mainDir: string): AppPaths {
  const out = path.resolve(mainDir, '..');
  return {
    preload: path.join(out, 'preload', 'index.cjs'),
    rendererRoot: path.join(out, 'renderer'),
    coreEntry: path.join(out, 'core', 'utility.js'),
  };
}
