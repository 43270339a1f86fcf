/**
 * The simulated module's template library in flash: pages 0 to capacity − 1,
 * each holding one char file. It survives a power cycle; the module's
 * instructions decide what a page number out of range answers.
 */
export class TemplateLibrary {
  readonly capacity: number;
  readonly #pages = new Map<number, Uint8Array>();

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.#pages.size;
  }

  /** Pages that hold a template, ascending. */
  occupiedPages(): number[] {
    return [...this.#pages.keys()].sort((a, b) => a - b);
  }

  /** A copy of the template on a page. */
  read(page: number): Uint8Array | undefined {
    return this.#pages.get(page)?.slice();
  }

  write(page: number, template: Uint8Array): void {
    this.#pages.set(page, template.slice());
  }

  erase(start: number, count: number): void {
    for (let page = start; page < start + count; page += 1) this.#pages.delete(page);
  }

  clear(): void {
    this.#pages.clear();
  }

  /** ReadConList: one bit per page of the 256 an index page covers, low bit first. */
  indexBitmap(indexPage: number): number[] {
    const bitmap = new Array<number>(32).fill(0);
    for (const page of this.#pages.keys()) {
      const offset = page - indexPage * 256;
      if (offset < 0 || offset >= 256) continue;
      bitmap[offset >> 3] = (bitmap[offset >> 3] ?? 0) | (1 << (offset & 7));
    }
    return bitmap;
  }

  /** The best-scoring page in [start, end) that reaches the threshold. */
  bestMatch(start: number, end: number, threshold: number, score: (stored: Uint8Array) => number): { page: number; score: number } | undefined {
    let best: { page: number; score: number } | undefined;
    for (const [page, stored] of this.#pages) {
      if (page < start || page >= end) continue;
      const scored = score(stored);
      if (scored >= threshold && (!best || scored > best.score)) best = { page, score: scored };
    }
    return best;
  }
}
