import { createNanoEvents } from 'nanoevents';
import type { CentralError } from './centralError';

interface ReachabilityOptions {
  /** Consecutive failed calls before central counts as unreachable. */
  failuresBeforeUnreachable: number;
  /** No successful contact for this long also counts as unreachable (a hung connection fails nothing). */
  silenceMs: number;
  now: () => number;
}

/** Certificate problems mean central will serve this kiosk nothing: as good as unreachable. */
const refusedCodes = new Set(['client_certificate_required', 'client_certificate_untrusted', 'client_certificate_expired', 'certificate_revoked', 'kiosk_unknown']);

/**
 * Whether central can serve this kiosk, from the outcome of every call:
 * reachable after any answer, unreachable after N consecutive failures or a
 * long silence. Listeners hear only changes.
 */
export class Reachability {
  private reachable: boolean | null = null;
  private failures = 0;
  private lastSuccessAt: number | null = null;
  private readonly events = createNanoEvents<{ change: (reachable: boolean) => void }>();

  constructor(private readonly options: ReachabilityOptions) {}

  get current(): boolean | null {
    return this.reachable;
  }

  get lastContactAt(): number | null {
    return this.lastSuccessAt;
  }

  onChange(listener: (reachable: boolean) => void): () => void {
    return this.events.on('change', listener);
  }

  /** Feed it every call's outcome. */
  record(outcome: { ok: true } | { ok: false; error: CentralError }): void {
    if (outcome.ok || !countsAsFailure(outcome.error)) {
      this.failures = 0;
      this.lastSuccessAt = this.options.now();
      this.set(true);
      return;
    }
    this.failures += 1;
    const refused = outcome.error.type === 'problem' && refusedCodes.has(outcome.error.code);
    if (refused || this.failures >= this.options.failuresBeforeUnreachable || this.reachable === null) this.set(false);
  }

  /** Called on a timer: a silence longer than allowed turns reachable into unreachable. */
  checkSilence(): void {
    if (this.reachable !== true || this.lastSuccessAt === null) return;
    if (this.options.now() - this.lastSuccessAt >= this.options.silenceMs) this.set(false);
  }

  private set(reachable: boolean): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    this.events.emit('change', reachable);
  }
}

function countsAsFailure(error: CentralError): boolean {
  switch (error.type) {
    case 'unreachable':
    case 'serverError':
    case 'invalidResponse':
      return true;
    case 'problem':
      return refusedCodes.has(error.code);
  }
}
