import { fetch as undiciFetch } from 'undici';
import type { Agent } from 'undici';
import { routeMethod, routePath } from './route';
import type { RouteName, WireInput } from './route';

/** One HTTP exchange with central: the JSON answer (`data` on 2xx, `error` otherwise) and the response's head. */
export interface FetchOutcome {
  data?: unknown;
  error?: unknown;
  response: { readonly status: number; readonly ok: boolean; readonly headers: { get(name: string): string | null } };
}

export interface WireRequest extends WireInput {
  headers?: Readonly<Record<string, string>>;
  /** A call that takes longer is a lost answer. */
  timeoutMs: number;
}

/** One JSON request to a named central route; the answer is not read beyond JSON here (see settleCall). */
export interface CentralHttp {
  send(route: RouteName, request: WireRequest): Promise<FetchOutcome>;
}

/**
 * Central over undici's own fetch, so the Agent (mTLS) is honoured: Node's
 * built-in fetch bundles a different undici whose dispatcher interface does
 * not match undici 7's.
 */
export function createCentralHttp(baseUrl: string, agent: Agent): CentralHttp {
  return {
    async send(route, { body, params, headers, timeoutMs }) {
      const response = await undiciFetch(new URL(routePath(route, params), baseUrl), {
        method: routeMethod(route),
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher: agent,
      });
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
    },
  };
}
