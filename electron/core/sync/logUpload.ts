import { err, ok, type Result } from '../../../common/result';
import { LOG_PART_MAX_CHARS } from '../../../common/wire/telemetry';
import type { CentralError } from './centralError';
import type { CentralHttp } from './httpClient';
import { callRoute } from './respond';

/**
 * Sends `text` (JSON lines) to central as one log upload, in parts that fit
 * a request, each part retried with the same content by the caller's
 * command (a part sent again replaces itself). Answers how many parts;
 * `onCall` hears how central answered each part (reachability).
 */
export async function uploadLogParts(
  client: CentralHttp,
  upload: { uploadId: string; text: string },
  onCall: (outcome: { ok: true } | { ok: false; error: CentralError }) => void,
): Promise<Result<{ parts: number; bytes: number }, string>> {
  const { uploadId, text } = upload;
  const parts = splitLines(text, LOG_PART_MAX_CHARS);
  for (const [index, part] of parts.entries()) {
    const sent = await callRoute(client, 'uploadKioskLogs', { body: { uploadId, part: index, last: index === parts.length - 1, text: part } }, { timeoutMs: 30_000 });
    onCall(sent.ok ? { ok: true } : { ok: false, error: sent.error });
    if (!sent.ok) return err(`log part ${index + 1} of ${parts.length} not delivered: ${sent.error.type}`);
  }
  return ok({ parts: parts.length, bytes: Buffer.byteLength(text) });
}

/**
 * Cuts text into parts of at most `maxBytes` bytes of UTF-8 (so a part fits a
 * request whatever script the log holds), at line ends: a line that fits in a
 * part is never cut; a longer one is cut between code points. Joined, the
 * parts are the text. Always at least one part.
 */
export function splitLines(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const bytes = Buffer.byteLength(line);
    if (currentBytes + bytes <= maxBytes) {
      current += line;
      currentBytes += bytes;
      continue;
    }
    if (currentBytes > 0) parts.push(current);
    current = '';
    currentBytes = 0;
    for (const char of bytes <= maxBytes ? [line] : line) {
      const charBytes = Buffer.byteLength(char);
      if (currentBytes + charBytes > maxBytes) {
        parts.push(current);
        current = '';
        currentBytes = 0;
      }
      current += char;
      currentBytes += charBytes;
    }
  }
  if (currentBytes > 0 || parts.length === 0) parts.push(current);
  return parts;
}
