/**
 * How one area of the route table is written: what its routes share (their tag in openapi.json, who may call them
 * and how they are rate-limited, their OpenAPI security) is said once for the area, and each route says only its
 * own (method, path, summary, schemas). A route whose access or security differs from its area's says its own.
 * Every route's operationId is its name in the table, so the two cannot differ.
 *
 * What comes out is what Fastify registers and @fastify/swagger documents: `{ method, url, config, schema }`, the
 * schema's keys in the order openapi.json has always had them (operationId, tags, summary, description, security,
 * then the route's own).
 */

/** What every route of an area shares. */
interface Area {
  readonly tag: string;
  /** Read by central's access hook and rate limiter from the matched route (`config.access`, `config.rateLimitClass`). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly security: readonly unknown[];
  /** The request headers every route of the area takes (a citizen action's Idempotency-Key and language). */
  readonly headers?: unknown;
}

/** One route as its area's table writes it. */
interface RouteEntry {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly description?: string;
  /** Instead of the area's tag (a route listed with another area's in openapi.json). */
  readonly tag?: string;
  /** Instead of the area's (a route with other access, or its own rate-limit exemption). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Instead of the area's. */
  readonly security?: readonly unknown[];
  /** Instead of the area's. */
  readonly response: Readonly<Record<number, unknown>>;
  readonly headers?: unknown;
  readonly querystring?: unknown;
  readonly params?: unknown;
  readonly body?: unknown;
}

type Own = 'method' | 'url' | 'tag' | 'config' | 'security' | 'summary' | 'description';

/** A route of the table, as Fastify registers it. */
type Route<K extends string, A extends Area, E extends RouteEntry> = {
  readonly method: E['method'];
  readonly url: E['url'];
  readonly config: E extends { readonly config: infer C } ? C : A['config'];
  readonly schema: {
    readonly operationId: K;
    readonly tags: readonly [E extends { readonly tag: infer G } ? G : A['tag']];
    readonly summary: string;
    readonly description?: string;
    readonly security: E extends { readonly security: infer S } ? S : A['security'];
  } & (E extends { readonly headers: unknown } ? unknown : A extends { readonly headers: infer H } ? { readonly headers: H } : unknown) &
    Omit<E, Own>;
};

export function defineRoutes<const A extends Area, const T extends Readonly<Record<string, RouteEntry>>>(area: A, entries: T): { readonly [K in keyof T & string]: Route<K, A, T[K]> } {
  const table: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const { method, url, tag, config, security, summary, description, ...own } = entry;
    table[name] = {
      method,
      url,
      config: config ?? area.config,
      schema: {
        operationId: name,
        tags: [tag ?? area.tag],
        summary,
        ...(description === undefined ? {} : { description }),
        security: security ?? area.security,
        ...(own.headers === undefined && area.headers !== undefined ? { headers: area.headers } : {}),
        ...own,
      },
    };
  }
  return table as { readonly [K in keyof T & string]: Route<K, A, T[K]> };
}
