import { err, ok } from '../../../../common/result';
import type { Result } from '../../../../common/result';
import type { CentralError } from '../centralError';
import type { KioskCommand } from '../../../../common/wire/kiosk';
import type { ConfigFetch, HeartbeatAnswer, HeartbeatBody, IssuedCertificate, OutboxAnswer, OutboxEventBody } from '../centralClient';
import type { FetchOutcome } from '../httpClient';
import type { CentralApi } from '../syncOptions';
import type { TlsMaterial } from '../tlsAgent';

/**
 * central in memory, for SyncService specs: records what the kiosk sent and
 * answers from a small state a spec can change (down, pending commands, config).
 */
export class FakeCentral implements CentralApi {
  down = false;
  heartbeats: HeartbeatBody[] = [];
  delivered = new Map<string, OutboxEventBody>();
  deliveries = 0;
  acks: { id: string; outcome: 'done' | 'failed'; detail?: string | undefined }[] = [];
  pending: KioskCommand[] = [];
  currentConfig: { version: string; etag: string; body: unknown } = { version: '1', etag: '"v1"', body: null };
  configFetches: (string | null)[] = [];

  private unreachable(): Result<never, CentralError> {
    return err({ type: 'unreachable', cause: 'network', detail: 'ECONNREFUSED' });
  }

  async heartbeat(body: HeartbeatBody): Promise<Result<HeartbeatAnswer, CentralError>> {
    if (this.down) return this.unreachable();
    this.heartbeats.push(body);
    return ok({ commands: [...this.pending], configVersion: this.currentConfig.version, serverTime: new Date().toISOString() });
  }

  async config(etag: string | null): Promise<Result<ConfigFetch, CentralError>> {
    if (this.down) return this.unreachable();
    this.configFetches.push(etag);
    if (etag === this.currentConfig.etag) return ok({ status: 'notModified' });
    return ok({ status: 'changed', etag: this.currentConfig.etag, body: this.currentConfig.body });
  }

  async deliverOutbox(events: OutboxEventBody[]): Promise<Result<OutboxAnswer, CentralError>> {
    if (this.down) return this.unreachable();
    this.deliveries += 1;
    return ok({
      results: events.map((e) => {
        if (e.kind === 'bogus') return { txId: e.txId, status: 'rejected' as const, code: 'unknown_kind', detail: 'unknown kind' };
        if (this.delivered.has(e.txId)) return { txId: e.txId, status: 'duplicate' as const };
        this.delivered.set(e.txId, e);
        return { txId: e.txId, status: 'accepted' as const };
      }),
    });
  }

  async acknowledgeCommand(id: string, outcome: 'done' | 'failed', detail?: string): Promise<Result<{ id: string; outcome: 'done' | 'failed'; ackedAt: string }, CentralError>> {
    if (this.down) return this.unreachable();
    this.acks.push({ id, outcome, detail });
    this.pending = this.pending.filter((c) => c.id !== id);
    return ok({ id, outcome, ackedAt: new Date().toISOString() });
  }

  async renew(_csrPem: string): Promise<Result<IssuedCertificate, CentralError>> {
    return this.unreachable();
  }

  useTls(_tls: TlsMaterial): void {}

  async close(): Promise<void> {}

  async send(): Promise<FetchOutcome> {
    throw new Error('no citizen routes in the fake');
  }
}
