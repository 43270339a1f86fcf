/**
 * The baseline for a decoder: what this machine does over the same bytes without any protocol — find each delimiter
 * with `Buffer.indexOf` and copy out the piece before it, as the decoder is fed (chunk by chunk) and as it hands out
 * what it found (a new array each). With one copy a chunk into a buffer kept for the run, the baseline made no garbage
 * and the parsers do: the MagTek ratio moved 0.29–0.40 between full runs, with the parser's own rate.
 */

/**
 * Bytes per second of `work` (which returns the bytes it went through), run until at least `minMs` have passed. It
 * starts from a collected heap where the process allows it (`--expose-gc`, as run.mjs starts the suites), so the
 * garbage one side of a pair leaves is not collected in the other's time.
 */
export function rateOf(work: () => number, minMs = 150): number {
  (globalThis as { gc?: () => void }).gc?.();
  let bytes = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    bytes += work();
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return bytes / 1e6 / (elapsed / 1000);
}

/** One pass of indexOf(delimiter) + each piece between delimiters copied out, over `pieces`; returns the bytes gone through. */
export function scanAndCopy(pieces: readonly Uint8Array[], delimiter: number): number {
  let bytes = 0;
  let copied = 0;
  for (const piece of pieces) {
    const buffer = Buffer.from(piece.buffer, piece.byteOffset, piece.length);
    let from = 0;
    for (let at = buffer.indexOf(delimiter); at !== -1; at = buffer.indexOf(delimiter, at + 1)) {
      copied += piece.slice(from, at).length;
      from = at;
    }
    copied += piece.slice(from).length;
    bytes += piece.length;
  }
  if (copied !== bytes) throw new Error('a piece was lost');
  return bytes;
}

/** `stream` cut as a serial port would hand it over. */
export function chunksOf(stream: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < stream.length; offset += size) out.push(stream.subarray(offset, offset + size));
  return out;
}
