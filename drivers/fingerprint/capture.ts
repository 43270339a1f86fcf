import { err, ok } from '../../common/result';
import { sleep } from '../../common/time';
import type { CaptureOptions, CapturedTemplate, CharBuffer, CommandOptions, FingerprintResult, FingerprintTimeouts } from './readerTypes';

/**
 * A capture as a person experiences it: poll GenImg until the glass is clear,
 * then until a finger is on it, extract its features (asking again for a messy image), bring the
 * template up. Built on the reader's single commands; guidance follows what
 * the module sees.
 */

/**
 * How long a person has to put a usable finger down when the caller does not
 * say: the one default, for the driver and the core's fingerprint device.
 */
export const DEFAULT_CAPTURE_TIMEOUT_MS = 20_000;

/** The reader's commands a capture is made of. */
interface CaptureCommands {
  captureImage(options?: CommandOptions): Promise<FingerprintResult<void>>;
  imageToTemplate(buffer: CharBuffer, options?: CommandOptions): Promise<FingerprintResult<void>>;
  uploadTemplate(buffer: CharBuffer, options?: CommandOptions): Promise<FingerprintResult<Uint8Array>>;
}

type CaptureTimeouts = Pick<FingerprintTimeouts, 'commandMs' | 'fingerPollMs'>;

/**
 * Polls GenImg until a finger is imaged, the time is up or the caller aborts.
 * The glass must be seen clear first: a finger already there when the wait
 * begins is not taken (see waitForClearGlass).
 */
export async function waitForFinger(reader: CaptureCommands, timeouts: CaptureTimeouts, options: CaptureOptions): Promise<FingerprintResult<void>> {
  const deadline = performance.now() + (options.timeoutMs ?? DEFAULT_CAPTURE_TIMEOUT_MS);
  const clear = await waitForClearGlass(reader, timeouts, deadline, options);
  if (!clear.ok) return clear;
  return waitForFingerUntil(reader, timeouts, deadline, options, { fingerSeen: false });
}

/**
 * Polls GenImg until it answers "no finger". A finger on the glass when a
 * capture begins is nobody's to count: the last person's left behind, or one
 * resting there since the last attempt. The person is asked to lift it; the
 * image it gives is thrown away. A glass never seen clear by the deadline is
 * `glassNotClear`, not a capture. Nothing is said until the module answers,
 * so "place your finger" is only ever shown once the glass is clear.
 */
async function waitForClearGlass(
  reader: Pick<CaptureCommands, 'captureImage'>,
  timeouts: CaptureTimeouts,
  deadline: number,
  options: Pick<CaptureOptions, 'signal' | 'onGuidance'>,
): Promise<FingerprintResult<void>> {
  const guide = options.onGuidance ?? (() => undefined);
  let fingerPresent = false;
  for (;;) {
    if (options.signal?.aborted) return err({ type: 'aborted' });
    const remaining = deadline - performance.now();
    if (remaining <= 0) return err(fingerPresent ? { type: 'glassNotClear' } : { type: 'timeout', instruction: 'genImg' });
    // The last GenImg may only wait for what is left of the person's deadline.
    const cappedByDeadline = remaining < timeouts.commandMs;
    const attempt = await reader.captureImage({
      signal: options.signal,
      timeoutMs: Math.min(timeouts.commandMs, Math.max(remaining, 1)),
    });
    if (!attempt.ok && attempt.error.type === 'refused' && attempt.error.reason === 'noFinger') return ok();
    // An image (or a failed one: the finger moved) means something is on the glass.
    const onGlass = attempt.ok || (attempt.error.type === 'refused' && attempt.error.reason === 'imageFailed');
    if (!onGlass) {
      // The module's answer ran into the person's deadline while a finger was there: still not clear. (Decided by
      // which wait ran out, not by reading the clock after it: a timer may fire a fraction of a millisecond early.)
      if (fingerPresent && attempt.error.type === 'timeout' && cappedByDeadline) return err({ type: 'glassNotClear' });
      return attempt;
    }
    if (!fingerPresent) {
      fingerPresent = true;
      guide('liftFinger');
    }
    await sleep(Math.min(timeouts.fingerPollMs, Math.max(0, deadline - performance.now())), { signal: options.signal });
  }
}

async function waitForFingerUntil(
  reader: CaptureCommands,
  timeouts: CaptureTimeouts,
  deadline: number,
  options: CaptureOptions,
  state: { fingerSeen: boolean },
): Promise<FingerprintResult<void>> {
  const guide = options.onGuidance ?? (() => undefined);
  guide('waiting');
  for (;;) {
    if (options.signal?.aborted) return err({ type: 'aborted' });
    const remaining = deadline - performance.now();
    if (remaining <= 0) return err({ type: 'timeout', instruction: 'genImg' });
    const attempt = await reader.captureImage({
      signal: options.signal,
      timeoutMs: Math.min(timeouts.commandMs, Math.max(remaining, 1)),
    });
    if (attempt.ok) {
      state.fingerSeen = true;
      guide('imageCaptured');
      return ok();
    }
    const failure = attempt.error;
    if (failure.type === 'refused' && failure.reason === 'noFinger') {
      if (state.fingerSeen) {
        state.fingerSeen = false;
        guide('noFinger');
      }
    } else if (failure.type === 'refused' && failure.reason === 'imageFailed') {
      // The finger moved or left while the image was taken.
      state.fingerSeen = true;
      guide('liftAndPlaceAgain');
    } else {
      return attempt;
    }
    await sleep(Math.min(timeouts.fingerPollMs, Math.max(0, deadline - performance.now())), { signal: options.signal });
  }
}

/** Waits for a finger, extracts its features and brings the 512-byte template up to the host. */
export async function captureTemplate(reader: CaptureCommands, timeouts: CaptureTimeouts, options: CaptureOptions): Promise<FingerprintResult<CapturedTemplate>> {
  const buffer = options.buffer ?? 1;
  const maxPoorImages = options.maxPoorImages ?? 3;
  const deadline = performance.now() + (options.timeoutMs ?? DEFAULT_CAPTURE_TIMEOUT_MS);
  const guide = options.onGuidance ?? (() => undefined);
  const state = { fingerSeen: false };
  let rejected = 0;
  // Only an image taken after the glass was seen clear counts. Within the capture, a messy image is
  // taken again at once: the same person's finger, asked to lift and place again.
  const clear = await waitForClearGlass(reader, timeouts, deadline, options);
  if (!clear.ok) return clear;
  for (;;) {
    const imaged = await waitForFingerUntil(reader, timeouts, deadline, options, state);
    if (!imaged.ok) return imaged;
    const extracted = await reader.imageToTemplate(buffer, { signal: options.signal });
    if (extracted.ok) break;
    const failure = extracted.error;
    if (failure.type !== 'refused') return extracted;
    if (failure.reason === 'imageMessy' || failure.reason === 'tooFewFeatures') {
      rejected += 1;
      guide('poorQuality');
      if (rejected > maxPoorImages) return extracted;
      guide('liftAndPlaceAgain');
    } else if (failure.reason === 'noImage') {
      guide('liftAndPlaceAgain');
    } else {
      return extracted;
    }
  }
  const uploaded = await reader.uploadTemplate(buffer, { signal: options.signal });
  if (!uploaded.ok) return uploaded;
  return ok({ template: uploaded.value, quality: Math.max(0, 100 - 25 * rejected), attempts: rejected + 1 });
}
