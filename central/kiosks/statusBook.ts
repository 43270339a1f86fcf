import type { Database } from '../store/database';

interface KioskStatus {
  readonly lastSeenAt: number;
  readonly appState: string;
  readonly queueDepth: number;
  readonly clockSkewMs: number;
  readonly statusJson: string;
}

/**
 * Heartbeats arrive from every kiosk every 30 s and only the latest matters,
 * so they are kept in memory and written together about once a second: one
 * fsync for hundreds of kiosks instead of one each. A crash loses at most a
 * second of "last seen", which the next heartbeat restores.
 */
export class KioskStatusBook {
  private pending = new Map<string, KioskStatus>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    intervalMs = 1000,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.timer = setInterval(() => {
      this.flush().catch(this.onError);
    }, intervalMs);
    this.timer.unref();
  }

  record(kioskId: string, status: KioskStatus): void {
    this.pending.set(kioskId, status);
  }

  /** Writes what has arrived so far; resolves when it is committed. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      await this.db.transaction(async (tx) => {
        for (const [kioskId, status] of batch) {
          await tx.run('UPDATE kiosks SET last_seen_at = ?, app_state = ?, queue_depth = ?, clock_skew_ms = ?, status_json = ? WHERE kiosk_id = ?', [
            status.lastSeenAt,
            status.appState,
            status.queueDepth,
            status.clockSkewMs,
            status.statusJson,
            kioskId,
          ]);
        }
      });
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
