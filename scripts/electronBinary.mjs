// Finds a runnable Electron binary without ever downloading one (unlike
// require('electron'), which tries to install it when it is missing).
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @typedef {{ path: string, reason: null } | { path: null, reason: string }} ElectronBinary
 */

/** @param {NodeJS.Platform} platform */
function executableName(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * @param {string} file
 * @returns {string | null} why the file cannot be run, or null when it can
 */
function unusable(file) {
  if (!existsSync(file)) return `${file} does not exist`;
  if (!statSync(file).isFile()) return `${file} is not a file`;
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return `${file} is not executable`;
  }
  return null;
}

/**
 * The Electron binary the tests and scripts may launch, as electron's own
 * index.js would resolve it: ELECTRON_OVERRIDE_DIST_PATH first, then
 * node_modules/electron/path.txt + node_modules/electron/dist/.
 *
 * @param {{ root?: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} [options]
 * @returns {ElectronBinary}
 */
export function findElectronBinary({ root = defaultRoot, env = process.env, platform = process.platform } = {}) {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, recorded || executableName(platform));
    const problem = unusable(candidate);
    return problem ? { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${problem}` } : { path: candidate, reason: null };
  }

  if (!existsSync(packageDir)) return { path: null, reason: 'the electron package is not installed (node_modules/electron missing)' };
  if (!recorded) {
    return {
      path: null,
      reason: 'node_modules/electron/path.txt is missing: the Electron binary was never downloaded (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45)',
    };
  }
  const candidate = path.join(packageDir, 'dist', recorded);
  const problem = unusable(candidate);
  return problem
    ? { path: null, reason: `node_modules/electron/dist/ has no usable binary: ${problem} (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45)` }
    : { path: candidate, reason: null };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = findElectronBinary();
  if (found.path) console.log(found.path);
  else {
    console.error(`no Electron binary: ${found.reason}`);
    process.exitCode = 1;
  }
}
