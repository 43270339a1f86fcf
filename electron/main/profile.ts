/** The environment `isProduction` reads: Electron's app plus process.env. */
interface ProfileSource {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
}

/**
 * A packaged build is always production, whatever its environment says, so an
 * attacker at the kiosk cannot get devtools back by unsetting a variable.
 */
export function isProduction({ isPackaged, env }: ProfileSource): boolean {
  return isPackaged || env.KIOSK_PROFILE === 'production';
}
