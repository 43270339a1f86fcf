/** RFC 9457 problem details, the control API's only error shape. */
interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

export interface ApiReply {
  readonly status: number;
  readonly body: unknown;
  /** A body that is not JSON (a receipt's PNG): sent as it is, with this type. */
  readonly contentType?: string;
}

export function problem(status: number, slug: string, title: string, detail?: string): ApiReply {
  const body: Problem = { type: `/problems/${slug}`, title, status, ...(detail === undefined ? {} : { detail }) };
  return { status, body };
}
