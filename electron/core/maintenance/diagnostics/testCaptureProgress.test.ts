import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCaptureView } from '../../../contract';
import { testCaptureViewSchema } from '../../../contract/serve/maintenance';
import { eventually, type LabRig, startLabRig } from '../../devices/testing/labRig';
import { outcome } from './outcome';
import { TestCaptureProgress } from './testCaptureProgress';
import { diagnosticsRig } from './testing/diagnosticsRig';

/**
 * The test capture's progress as `snapshot.maintenance.testCapture` carries
 * it: started, the reader's own words as its driver says them, then the
 * quality or why it failed — every state the contract's schema accepts.
 */

function tracker() {
  const seen: (TestCaptureView | null)[] = [];
  let at = 1_000;
  const progress = new TestCaptureProgress(
    () => (at += 10),
    () => seen.push(progress.view()),
  );
  return { progress, seen };
}

describe('TestCaptureProgress', () => {
  it('starts, follows the guidance, and ends with the quality', () => {
    const { progress, seen } = tracker();
    const tell = progress.start();
    tell('placeFinger');
    tell('holdStill');
    progress.finish(outcome('fingerprint.testCapture', 'pass', 'captured, quality 100', 0, { facts: { quality: 100 } }));
    expect(seen.map((v) => [v?.phase, v?.guidance, v?.quality, v?.result, v?.failure])).toEqual([
      ['capturing', 'starting', null, null, null],
      ['capturing', 'placeFinger', null, null, null],
      ['capturing', 'holdStill', null, null, null],
      ['done', 'captured', 100, 'pass', null],
    ]);
    expect(seen.every((v) => testCaptureViewSchema.safeParse(v).success)).toBe(true);
  });

  it('a low quality is done with warn; a failure carries the reason the screen words, anything unknown as `failed`', () => {
    const { progress } = tracker();
    progress.start();
    progress.finish(outcome('fingerprint.testCapture', 'warn', 'captured, quality 50', 0, { code: 'poorQuality', facts: { quality: 50 } }));
    expect(progress.view()).toMatchObject({ phase: 'done', quality: 50, result: 'warn', failure: null });
    for (const [code, failure] of [
      ['timeout', 'timeout'],
      ['poorQuality', 'poorQuality'],
      ['unplugged', 'unplugged'],
      ['glassNotClear', 'glassNotClear'],
      ['somethingNew', 'failed'],
    ] as const) {
      progress.start();
      progress.finish(outcome('fingerprint.testCapture', 'fail', 'x', 0, { code }));
      expect(progress.view()).toMatchObject({ phase: 'failed', failure, quality: null, result: null });
    }
  });

  it('each capture has its own seq; a late word from an ended capture changes nothing; abandon fails a capture still running; clear empties it', () => {
    const { progress, seen } = tracker();
    const first = progress.start();
    progress.finish(outcome('fingerprint.testCapture', 'fail', 'x', 0, { code: 'timeout' }));
    const count = seen.length;
    first('holdStill');
    expect(seen).toHaveLength(count);
    const second = progress.start();
    expect(progress.view()?.seq).toBe(2);
    first('liftAndPlaceAgain');
    expect(progress.view()?.guidance).toBe('starting');
    second('liftAndPlaceAgain');
    expect(progress.view()?.guidance).toBe('liftAndPlaceAgain');
    progress.abandon();
    expect(progress.view()).toMatchObject({ phase: 'failed', failure: 'failed' });
    progress.clear();
    expect(progress.view()).toBeNull();
  });

  it('the schema refuses a view that contradicts itself', () => {
    const base = { seq: 1, phase: 'done', guidance: 'captured', quality: 80, result: 'pass', failure: null, startedAt: 5 } as const;
    expect(testCaptureViewSchema.safeParse(base).success).toBe(true);
    expect(testCaptureViewSchema.safeParse({ ...base, phase: 'failed' }).success).toBe(false);
    expect(testCaptureViewSchema.safeParse({ ...base, quality: null }).success).toBe(false);
    expect(testCaptureViewSchema.safeParse({ ...base, guidance: 'pressHarder' }).success).toBe(false);
    expect(testCaptureViewSchema.safeParse({ ...base, image: 'AAAA' }).success, 'never an image').toBe(false);
  });
});

describe('TestCaptureProgress, any run', () => {
  const step = fc.oneof(
    fc.record({ kind: fc.constant('start' as const) }),
    fc.record({ kind: fc.constant('word' as const), word: fc.constantFrom('placeFinger', 'holdStill', 'liftAndPlaceAgain', 'poorQuality', 'captured') as fc.Arbitrary<'placeFinger'> }),
    fc.record({ kind: fc.constant('finish' as const), result: fc.constantFrom('pass', 'warn', 'fail', 'manual') as fc.Arbitrary<'pass'>, quality: fc.option(fc.integer({ min: 0, max: 100 })), code: fc.option(fc.string({ maxLength: 12 })) }),
    fc.record({ kind: fc.constant('abandon' as const) }),
  );

  it('publishes only views the schema accepts, with seq growing and failure exactly when failed', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const { progress, seen } = tracker();
        let tell: ((word: 'placeFinger') => void) | undefined;
        for (const s of steps) {
          if (s.kind === 'start') tell = progress.start();
          else if (s.kind === 'word') tell?.(s.word);
          else if (s.kind === 'finish') progress.finish(outcome('fingerprint.testCapture', s.result, 'x', 0, { code: s.code, facts: s.quality === null ? {} : { quality: s.quality } }));
          else progress.abandon();
        }
        for (const view of seen) expect(testCaptureViewSchema.safeParse(view).success).toBe(true);
        const seqs = seen.map((v) => v?.seq ?? 0);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }),
    );
  });
});

describe('the test capture with the lab reader', () => {
  let rig: LabRig | undefined;
  let diag: Awaited<ReturnType<typeof diagnosticsRig>> | undefined;
  afterEach(async () => {
    await rig?.close();
    await diag?.dispose();
    rig = undefined;
    diag = undefined;
  });

  it('publishes the driver’s guidance as it comes, then the quality; an unplugged reader fails as `unplugged`', async () => {
    rig = await startLabRig({});
    await rig.devices.fingerprint.awaitConnection();
    diag = await diagnosticsRig({ devices: rig.devices });
    const lab = rig;
    const seen: TestCaptureView[] = [];
    diag.service.onTestCaptureChange(() => {
      const view = diag?.service.testCapture.view();
      if (view) seen.push(view);
      // The technician puts a finger down once the reader asks for one.
      if (view?.guidance === 'placeFinger' && !lab.lab.fingerprint.simulator.fingerOnGlass) {
        const person = lab.lab.people[0];
        if (person) lab.lab.fingerprint.place({ personId: person.idNumber, finger: 'rightIndex' });
      }
    });
    const result = await diag.service.action('fingerprint.testCapture');
    const guidance = seen.map((v) => v.guidance);
    expect(guidance[0]).toBe('starting');
    expect(guidance).toContain('placeFinger');
    expect(guidance.indexOf('placeFinger')).toBeLessThan(guidance.indexOf('captured'));
    expect(seen.at(-1)).toMatchObject({ phase: 'done', quality: result.check.facts.quality, result: 'pass', failure: null });
    expect(JSON.stringify(seen), 'the image is never in the progress').not.toContain(result.image?.grey4Base64.slice(0, 32));

    lab.lab.fingerprint.lift();
    await lab.control('/fault', { device: 'fingerprint', kind: 'unplug' });
    await eventually(() => lab.devices.fingerprint.status === 'offline', 'the reader goes offline');
    const failed = await diag.service.action('fingerprint.testCapture');
    expect(failed.check.result).toBe('fail');
    expect(diag.service.testCapture.view()).toMatchObject({ seq: 2, phase: 'failed', failure: 'unplugged' });
  }, 120_000);
});
