import type { z } from 'zod';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import { fromThrown } from './centralError';
import type { CentralError } from './centralError';
import type { CentralHttp, FetchOutcome, WireRequest } from './httpClient';
import { problemAnswer } from './newerCentral';
import { answerSchema } from './route';
import type { RouteAnswer, RouteInput, RouteName, WireInput } from './route';

/**
 * Turns one HTTP exchange into a Result: the body validated with `schema` on
 * success, or a CentralError. Nothing central sends is used unparsed.
 */
export async function settleCall<S extends z.ZodType>(
  schema: S,
  send: () => Promise<FetchOutcome>,
  /** Statuses besides 2xx that count as an answer (304 Not Modified). */
  alsoOk: readonly number[] = [],
): Promise<Result<z.infer<S>, CentralError>> {
  let outcome: FetchOutcome;
  try {
    outcome = await send();
  } catch (error) {
    return err(fromThrown(error));
  }
  const { response } = outcome;
  if (response.status >= 500) {
    const problem = problemAnswer.safeParse(outcome.error);
    return err({ type: 'serverError', status: response.status, code: problem.success ? problem.data.code : null });
  }
  if (response.ok || alsoOk.includes(response.status)) {
    const parsed = schema.safeParse(outcome.data);
    if (parsed.success) return ok(parsed.data);
    return err({ type: 'invalidResponse', status: response.status, detail: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  }
  const problem = problemAnswer.safeParse(outcome.error);
  if (problem.success) return err({ type: 'problem', status: response.status, code: problem.data.code, detail: problem.data.detail, problem: problem.data });
  return err({ type: 'invalidResponse', status: response.status, detail: `HTTP ${response.status} without a problem document` });
}

/** One call to a named route, its answer parsed with the route's own success schema. */
export function callRoute<K extends RouteName>(
  http: CentralHttp,
  route: K,
  input: RouteInput<K>,
  options: Omit<WireRequest, 'body' | 'params'>,
): Promise<Result<RouteAnswer<K>, CentralError>> {
  const { body, params } = input as WireInput;
  return settleCall(answerSchema(route), () => http.send(route, { body, params, ...options }));
}
