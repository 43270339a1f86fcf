import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import { fetch as undiciFetch, Request as UndiciRequest } from 'undici';
import type { Agent } from 'undici';
import type { paths } from './centralApi';

export type CentralHttp = Client<paths>;

/**
 * openapi-fetch typed from the generated paths, sending through undici's own
 * fetch so the Agent (mTLS) is honoured: Node's built-in fetch bundles a
 * different undici whose dispatcher interface does not match undici 7's.
 */
export function createCentralHttp(baseUrl: string, agent: Agent): CentralHttp {
  return createClient<paths>({
    baseUrl,
    // The two Request/Response classes are the same WHATWG shapes from two copies of undici.
    Request: UndiciRequest as unknown as typeof Request,
    fetch: (request) => undiciFetch(request as unknown as UndiciRequest, { dispatcher: agent }) as unknown as Promise<Response>,
  });
}
