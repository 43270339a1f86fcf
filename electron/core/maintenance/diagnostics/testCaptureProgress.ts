import type { CheckOutcome, TestCaptureFailure, TestCaptureView } from '../../../contract';
import { testCaptureFailures } from '../../../contract';
import { testCaptureViewSchema } from '../../../contract/serve/maintenance';
import type { PersonGuidance } from '../../devices';

const FAILURES: ReadonlySet<string> = new Set(testCaptureFailures);

/** A failed check's code as the screen words it: anything it has no sentence for is `failed`. */
function failureOf(code: string | null): TestCaptureFailure {
  return code !== null && FAILURES.has(code) ? (code as TestCaptureFailure) : 'failed';
}

/**
 * The technician's test capture as it runs, for `snapshot.maintenance.testCapture`:
 * started, each word the reader's driver says (the same guidance the
 * citizen's fingerprint step hears), then the quality or why it failed. Each
 * change is checked against the contract's schema before it is published;
 * the image is never here.
 */
export class TestCaptureProgress {
  #view: TestCaptureView | null = null;
  #seq = 0;

  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {}

  view(): TestCaptureView | null {
    return this.#view;
  }

  /** A capture begins: guidance `starting` until the reader's first word. Answers the listener for the driver's guidance. */
  start(): (guidance: PersonGuidance) => void {
    this.#seq += 1;
    const seq = this.#seq;
    this.#set({ seq, phase: 'capturing', guidance: 'starting', quality: null, result: null, failure: null, startedAt: this.now() });
    return (guidance) => {
      // A late word from a capture that has ended (or been replaced) changes nothing.
      if (this.#view?.seq !== seq || this.#view.phase !== 'capturing') return;
      this.#set({ ...this.#view, guidance });
    };
  }

  /** The capture's check: pass/warn with its quality, or fail with its code. */
  finish(check: CheckOutcome): void {
    const view = this.#view;
    if (view?.phase !== 'capturing') return;
    const quality = typeof check.facts.quality === 'number' ? check.facts.quality : null;
    if ((check.result === 'pass' || check.result === 'warn') && quality !== null) {
      this.#set({ ...view, phase: 'done', guidance: 'captured', quality, result: check.result, failure: null });
    } else {
      this.#set({ ...view, phase: 'failed', quality: null, result: null, failure: failureOf(check.code) });
    }
  }

  /** The capture threw (a bug or a closed store): it failed, and the screen must not wait for ever. */
  abandon(): void {
    const view = this.#view;
    if (view?.phase === 'capturing') this.#set({ ...view, phase: 'failed', failure: 'failed' });
  }

  /** A new technician visit starts with no capture shown. */
  clear(): void {
    if (this.#view === null) return;
    this.#view = null;
    this.onChange();
  }

  #set(next: TestCaptureView): void {
    this.#view = testCaptureViewSchema.parse(next);
    this.onChange();
  }
}
