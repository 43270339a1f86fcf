import { z } from 'zod';
import { ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { CentralError } from './centralError';
import { createCentralHttp } from './httpClient';
import type { CentralHttp } from './httpClient';
import { settleCall } from './respond';
import type { FetchOutcome } from './respond';
import { createTlsAgent } from './tlsAgent';
import type { TlsMaterial } from './tlsAgent';
import { commandAckAnswer, heartbeatAnswer, kioskCertificate, outboxAnswer } from './wire';
import type { HeartbeatBody, OutboxEventBody } from './wire';
import { fetch as undiciFetch } from 'undici';
import type { Agent } from 'undici';

export type HeartbeatAnswer = z.infer<typeof heartbeatAnswer>;
export type OutboxAnswer = z.infer<typeof outboxAnswer>;
export type IssuedCertificate = z.infer<typeof kioskCertificate>;

export type ConfigFetch = { status: 'notModified' } | { status: 'changed'; etag: string | null; body: unknown };

export interface CentralClientOptions {
  baseUrl: string;
  tls: TlsMaterial;
  /** Per request; a kiosk call that takes longer is treated as a lost answer. */
  timeoutMs?: number;
}

/**
 * The kiosk's calls to central's kiosk routes, over mTLS, typed from the
 * OpenAPI document and validated on the way in. Expected failures come back
 * as `CentralError` values; nothing here retries (callers own that policy).
 */
export class CentralClient {
  private agent: Agent;
  private http: CentralHttp;
  readonly baseUrl: string;
  readonly timeoutMs: number;

  constructor(options: CentralClientOptions) {
    this.baseUrl = options.baseUrl;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.agent = createTlsAgent(options.tls);
    this.http = createCentralHttp(this.baseUrl, this.agent);
  }

  /** A renewed certificate: new connections use it; requests in flight finish on the old one. */
  useTls(tls: TlsMaterial): void {
    const old = this.agent;
    this.agent = createTlsAgent(tls);
    this.http = createCentralHttp(this.baseUrl, this.agent);
    void old.close().catch(() => undefined);
  }

  /**
   * One JSON request on the mTLS agent, for online citizen calls: their paths
   * and bodies are many and journey-specific, so the caller brings the zod
   * schema for the answer (see callCitizen).
   */
  async sendJson(method: 'GET' | 'POST', path: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<FetchOutcome> {
    const response = (await undiciFetch(new URL(path, this.baseUrl), {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher: this.agent,
    })) as unknown as Response;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = text;
      }
    }
    return response.ok ? { data: parsed, response } : { error: parsed, response };
  }

  heartbeat(body: HeartbeatBody): Promise<Result<HeartbeatAnswer, CentralError>> {
    return settleCall(heartbeatAnswer, () => this.http.POST('/v1/kiosks/heartbeat', { body, signal: this.signal() }));
  }

  async config(etag: string | null): Promise<Result<ConfigFetch, CentralError>> {
    let response: Response | undefined;
    const result = await settleCall(
      z.unknown(),
      async () => {
        const outcome = await this.http.GET('/v1/kiosks/config', { params: { header: etag ? { 'if-none-match': etag } : {} }, signal: this.signal() });
        response = outcome.response;
        return outcome;
      },
      [304],
    );
    if (!result.ok) return result;
    if (response?.status === 304) return ok({ status: 'notModified' });
    return ok({ status: 'changed', etag: response?.headers.get('etag') ?? null, body: result.value });
  }

  deliverOutbox(events: OutboxEventBody[]): Promise<Result<OutboxAnswer, CentralError>> {
    return settleCall(outboxAnswer, () => this.http.POST('/v1/kiosks/outbox', { body: { events }, signal: this.signal() }));
  }

  acknowledgeCommand(id: string, outcome: 'done' | 'failed', detail?: string): Promise<Result<z.infer<typeof commandAckAnswer>, CentralError>> {
    return settleCall(commandAckAnswer, () =>
      this.http.POST('/v1/kiosks/commands/{id}/ack', {
        params: { path: { id } },
        body: detail === undefined ? { outcome } : { outcome, detail: detail.slice(0, 500) },
        signal: this.signal(),
      }),
    );
  }

  renew(csrPem: string): Promise<Result<IssuedCertificate, CentralError>> {
    return settleCall(kioskCertificate, () => this.http.POST('/v1/kiosks/renew', { body: { csrPem }, signal: this.signal() }));
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.timeoutMs);
  }
}

