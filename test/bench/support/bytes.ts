/**
 * The baseline for a decoder: what this machine does over the same bytes without any protocol — find each delimiter
 * with `Buffer.indexOf` and copy out the piece before it, as the decoder is fed (chunk by chunk) and as it hands out
 * what it found (a new array each). With one copy a chunk into a buffer kept for the run, the baseline made no garbage
 * and the parsers do: the MagTek ratio moved 0.29–0.40 between full runs, with the parser's own rate.
 */

/**
 * Bytes per second of `work` (which returns the bytes it went through), run until at least `minMs` have passed. It
 * starts from a collected heap where the process allows it (`--expose-gc`, as run.mjs starts the suites), so the
 * garbage one side of a pair leaves is not collected in the other's time; `warmMs` of untimed work after that, where
 * a side runs slower in its first milliseconds after the collection (the fingerprint decoder: 0.6 of its rate over 50 ms).
 */
export function rateOf(work: () => number, minMs = 150, warmMs = 0): number {
  (globalThis as { gc?: () => void }).gc?.();
  for (const from = performance.now(); performance.now() - from < warmMs; ) work();
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

/**
 * One pass of indexOf(delimiter) over `pieces`, and each of `spans` of `whole` copied out (a new array each): the
 * delimiter found where it is, what a decoder hands out copied where it is known to be. A decoder's baseline when the
 * garbage has to be the decoder's own: the fingerprint decoder hands out each frame's content (128–256 bytes), and
 * against a copy at every delimiter (half as many again, many under V8's 64-byte on-heap line) its ratio read 1.29–1.40
 * quiet and 1.00–1.05 beside `stress-ng` (pairs H, I) with the decoder's own rate unchanged: the baseline's garbage
 * was what the other vCPU moved. Returns the bytes of `whole`.
 */
export function scanAndCopySpans(pieces: readonly Uint8Array[], delimiter: number, whole: Uint8Array, spans: readonly (readonly [number, number])[]): number {
  let found = 0;
  for (const piece of pieces) {
    const buffer = Buffer.from(piece.buffer, piece.byteOffset, piece.length);
    for (let at = buffer.indexOf(delimiter); at !== -1; at = buffer.indexOf(delimiter, at + 1)) found += 1;
  }
  let copied = 0;
  for (const [from, to] of spans) copied += whole.slice(from, to).length;
  if (found < spans.length || copied === 0) throw new Error('fewer delimiters than spans');
  return whole.length;
}

/** `stream` cut as a serial port would hand it over. */
export function chunksOf(stream: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < stream.length; offset += size) out.push(stream.subarray(offset, offset + size));
  return out;
}
