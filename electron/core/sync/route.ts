import type { z } from 'zod';
import { routes } from '../../../common/wire/routes';

/**
 * A central route as the kiosk calls it, read from the one route table
 * (common/wire): what a call takes (body, path parameters) and what it
 * answers. The kiosk names a route; it never spells a path or an answer
 * schema of its own.
 */
export type RouteTable = typeof routes;
export type RouteName = keyof RouteTable;
type SchemaOf<K extends RouteName> = RouteTable[K]['schema'];
type Responses<K extends RouteName> = SchemaOf<K>['response'];

/** The route's success answer (every route has exactly one 2xx). */
export type AnswerSchema<K extends RouteName> = K extends RouteName
  ? Responses<K> extends { 200: infer S extends z.ZodType }
    ? S
    : Responses<K> extends { 201: infer S extends z.ZodType }
      ? S
      : Responses<K> extends { 202: infer S extends z.ZodType }
        ? S
        : never
  : never;

/** What the route answers on success, once parsed. */
export type RouteAnswer<K extends RouteName> = z.output<AnswerSchema<K>>;

/** The route's request body, as the kiosk builds it. */
export type RouteBody<K extends RouteName> = SchemaOf<K> extends { body: infer B extends z.ZodType } ? z.input<B> : undefined;

type BodyPart<K extends RouteName> = SchemaOf<K> extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : { body?: undefined };
type ParamsPart<K extends RouteName> = SchemaOf<K> extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : { params?: undefined };

/** The body and path parameters a call to the route takes, typed from its schemas. */
export type RouteInput<K extends RouteName> = K extends RouteName ? BodyPart<K> & ParamsPart<K> : never;

/** A route's input as the wire sees it, once the types have done their work. */
export interface WireInput {
  body?: unknown;
  params?: Readonly<Record<string, string>> | undefined;
}

export function answerSchema<K extends RouteName>(route: K): AnswerSchema<K> {
  const responses: Readonly<Record<number, unknown>> = routes[route].schema.response;
  const status = Object.keys(responses)
    .map(Number)
    .find((s) => s >= 200 && s < 300);
  if (status === undefined) throw new RangeError(`${route} has no success answer`);
  return responses[status] as AnswerSchema<K>;
}

/** The route's path with its parameters filled in, each URL-encoded. */
export function routePath(route: RouteName, params?: WireInput['params']): string {
  return routes[route].url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new RangeError(`${route} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export function routeMethod(route: RouteName): 'GET' | 'POST' {
  return routes[route].method;
}
