/**
 * The baseline for a decoder: what this machine does over the same bytes without any protocol — find the
 * delimiter with `Buffer.indexOf` and copy each piece out, as the decoder is fed (chunk by chunk).
 */

/** Bytes per second of `work` (which returns the bytes it went through), run until at least `minMs` have passed. */
export function rateOf(work: () => number, minMs = 150): number {
  let bytes = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    bytes += work();
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return bytes / 1e6 / (elapsed / 1000);
}

/** One pass of indexOf(delimiter) + copy over `pieces`; returns the bytes gone through. */
export function scanAndCopy(pieces: readonly Uint8Array[], delimiter: number): number {
  let bytes = 0;
  let found = 0;
  const sink = Buffer.allocUnsafe(Math.max(...pieces.map((p) => p.length)));
  for (const piece of pieces) {
    const buffer = Buffer.from(piece.buffer, piece.byteOffset, piece.length);
    for (let at = buffer.indexOf(delimiter); at !== -1; at = buffer.indexOf(delimiter, at + 1)) found += 1;
    buffer.copy(sink, 0);
    bytes += piece.length;
  }
  if (found < 0) throw new Error('unreachable');
  return bytes;
}

/** `stream` cut as a serial port would hand it over. */
export function chunksOf(stream: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < stream.length; offset += size) out.push(stream.subarray(offset, offset + size));
  return out;
}
