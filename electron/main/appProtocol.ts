import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { resolveAppFile } from './appFilePath';
import type { Log } from './log';
import { mimeTypeFor } from './mimeTypes';
import { kioskScheme } from './origin';
import { securityHeaders } from './securityHeaders';

/**
 * Must run before `app` is ready. `standard` gives app:// real origins and
 * relative URL resolution, `secure` makes it a secure context, and
 * `supportFetchAPI` lets the page fetch its own assets. Nothing else: no
 * bypassing CSP, no service workers, no CORS.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: kioskScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Serves app://kiosk/ from the built renderer; the handler is exported for tests. */
export function createAppRequestHandler(rendererRoot: string, log: Log): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
    const resolved = resolveAppFile(request.url, rendererRoot);
    if (!resolved.ok) {
      log.warn({ status: resolved.status, reason: resolved.reason }, 'app:// request refused');
      return refusal(resolved.status, resolved.reason);
    }
    let body: Buffer;
    try {
      realRoot ??= realpath(rendererRoot);
      // A symlink in the build output must not lead out of it either.
      if (!isInside(await realRoot, await realpath(resolved.file))) return refusal(403, 'outside the renderer root');
      body = await readFile(resolved.file);
    } catch {
      return refusal(404, 'not found');
    }
    const headers = securityHeaders(mimeTypeFor(resolved.file));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

export function serveAppProtocol(rendererRoot: string, log: Log): void {
  protocol.handle(kioskScheme, createAppRequestHandler(rendererRoot, log));
}
