import { clearLookClaims } from './looks';

/** Before a run: no screen has been looked at yet (looks.ts). */
export default function globalSetup(): void {
  clearLookClaims();
}
