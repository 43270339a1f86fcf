import path from 'node:path';
import { kioskHost, kioskScheme } from './origin';

type AppFileResolution =
  | { ok: true; file: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const indexFile = 'index.html';

/**
 * The URL parser quietly resolves "..", "%2e%2e" and friends, which would turn a
 * traversal attempt into an ordinary request for some other file. Judge the path
 * as it was sent instead, so an attempt is refused and shows up in the log.
 */
function hasDotSegment(requestUrl: string): boolean {
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*([^?#]*)/i.exec(requestUrl)?.[1] ?? '';
  return rawPath.split(/[/\\]|%2f|%5c/i).some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/**
 * Maps an `app://kiosk/…` request URL to a file under `root`, refusing anything
 * that could leave it. Chromium canonicalises the URL before we see it, but the
 * check does not rely on that: every segment is decoded once and judged on its
 * own, and the joined result is checked to still sit under the root.
 */
export function resolveAppFile(requestUrl: string, root: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'unparsable URL' };
  }
  if (url.protocol !== `${kioskScheme}:`) return { ok: false, status: 403, reason: 'wrong scheme' };
  if (url.hostname !== kioskHost || url.port !== '' || url.username !== '' || url.password !== '') {
    return { ok: false, status: 403, reason: 'wrong host' };
  }

  if (hasDotSegment(requestUrl)) return { ok: false, status: 403, reason: 'dot segment in path' };

  const rawPath = url.pathname;
  // Backslashes are separators on Windows and are never in our asset names.
  if (rawPath.includes('\\')) return { ok: false, status: 403, reason: 'backslash in path' };

  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    // Encoded separators, NUL, drive letters and dot segments are traversal attempts once decoded.
    if (/[/\\\0:]/.test(segment)) return { ok: false, status: 403, reason: 'forbidden character in path' };
    if (segment.startsWith('.')) return { ok: false, status: 403, reason: 'dot segment or hidden file' };
    segments.push(segment);
  }
  if (segments.length === 0 || rawPath.endsWith('/')) segments.push(indexFile);

  const absoluteRoot = path.resolve(root);
  const file = path.resolve(absoluteRoot, ...segments);
  const relative = path.relative(absoluteRoot, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'outside the renderer root' };
  }
  return { ok: true, file };
}
