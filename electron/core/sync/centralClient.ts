import { z } from 'zod';
import { ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { CentralError } from './centralError';
import { createCentralHttp } from './httpClient';
import type { CentralHttp, FetchOutcome, WireRequest } from './httpClient';
import { heartbeatAnswer, outboxAnswer } from './newerCentral';
import type { HeartbeatAnswer, OutboxAnswer } from './newerCentral';
import { callRoute, settleCall } from './respond';
import type { RouteAnswer, RouteBody, RouteInput, RouteName } from './route';
import { createTlsAgent } from './tlsAgent';
import type { TlsMaterial } from './tlsAgent';
import type { Agent } from 'undici';

export type { HeartbeatAnswer, OutboxAnswer };
export type HeartbeatBody = RouteBody<'sendHeartbeat'>;
export type OutboxEventBody = RouteBody<'deliverOutbox'>['events'][number];
export type IssuedCertificate = RouteAnswer<'renewKioskCertificate'>;

export type ConfigFetch = { status: 'notModified' } | { status: 'changed'; etag: string | null; body: unknown };

interface CentralClientOptions {
  baseUrl: string;
  tls: TlsMaterial;
  /** Per request; a kiosk call that takes longer is treated as a lost answer. */
  timeoutMs?: number;
}

/**
 * The kiosk's calls to central over mTLS, by route name from the route table
 * (common/wire) and validated on the way in with the route's own schemas.
 * Expected failures come back as `CentralError` values; nothing here retries
 * (callers own that policy).
 */
export class CentralClient implements CentralHttp {
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

  /** One request to a route on the mTLS agent; online citizen calls bring their own headers and timeout (see callCitizen). */
  send(route: RouteName, request: WireRequest): Promise<FetchOutcome> {
    return this.http.send(route, request);
  }

  heartbeat(body: HeartbeatBody): Promise<Result<HeartbeatAnswer, CentralError>> {
    return settleCall(heartbeatAnswer, () => this.send('sendHeartbeat', { body, timeoutMs: this.timeoutMs }));
  }

  /** Central's configuration document, unparsed: ConfigRefresh reads it (and refuses a bad one on the record). */
  config(etag: string | null): Promise<Result<ConfigFetch, CentralError>> {
    return fetchConditional(this, 'getKioskConfig', etag, this.timeoutMs);
  }

  deliverOutbox(events: OutboxEventBody[]): Promise<Result<OutboxAnswer, CentralError>> {
    return settleCall(outboxAnswer, () => this.send('deliverOutbox', { body: { events }, timeoutMs: this.timeoutMs }));
  }

  acknowledgeCommand(id: string, outcome: 'done' | 'failed', detail?: string): Promise<Result<RouteAnswer<'acknowledgeCommand'>, CentralError>> {
    return this.call('acknowledgeCommand', { params: { id }, body: detail === undefined ? { outcome } : { outcome, detail: detail.slice(0, 500) } });
  }

  renew(csrPem: string): Promise<Result<IssuedCertificate, CentralError>> {
    return this.call('renewKioskCertificate', { body: { csrPem } });
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  private call<K extends RouteName>(route: K, input: RouteInput<K>): Promise<Result<RouteAnswer<K>, CentralError>> {
    return callRoute(this, route, input, { timeoutMs: this.timeoutMs });
  }
}

/** A GET with If-None-Match (configuration, service catalogue): 304 is `notModified`, anything else the body, unparsed, and its ETag. */
export async function fetchConditional(http: Pick<CentralClient, 'send'>, route: 'getKioskConfig' | 'getServiceCatalogue', etag: string | null, timeoutMs: number): Promise<Result<ConfigFetch, CentralError>> {
  let response: FetchOutcome['response'] | undefined;
  const result = await settleCall(
    z.unknown(),
    async () => {
      const outcome = await http.send(route, { headers: etag ? { 'if-none-match': etag } : {}, timeoutMs });
      response = outcome.response;
      return outcome;
    },
    [304],
  );
  if (!result.ok) return result;
  if (response?.status === 304) return ok({ status: 'notModified' });
  return ok({ status: 'changed', etag: response?.headers.get('etag') ?? null, body: result.value });
}
