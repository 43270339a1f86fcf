import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendAnswer, success } from './answers';

/** A document central serves with an ETag: the kiosk configuration, the service catalogue. */
interface VersionedDocument {
  readonly etag: string;
  current(): unknown;
}

/** If-None-Match may list several tags, or be a weak tag, or *. */
function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** 200 with the document and its ETag, or 304 while the request's If-None-Match still names it. */
export function sendVersioned(request: FastifyRequest, reply: FastifyReply, document: VersionedDocument): void {
  const { etag } = document;
  if (etagMatches(request.headers['if-none-match'], etag)) {
    // 304 has no body, so it bypasses the serializer (which would write "null" and a length).
    reply.hijack();
    reply.raw.writeHead(304, { etag, 'cache-control': 'no-cache' }).end();
    return;
  }
  reply.header('etag', etag).header('cache-control', 'no-cache');
  sendAnswer(reply, success(200, document.current()));
}
