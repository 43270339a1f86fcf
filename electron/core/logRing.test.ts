import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './log';
import { LogRing, teeDestination } from './logRing';
import { splitLines } from './sync/logUpload';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function ring(options: { fileBytes: number; files: number }): Promise<LogRing> {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-logring-'));
  return new LogRing({ dir: join(dir, 'logs'), ...options });
}

describe('the log ring', () => {
  it('never holds more than files × fileBytes, keeps the newest lines in order, and drops the oldest', async () => {
    const r = await ring({ fileBytes: 4096, files: 3 });
    const lines = Array.from({ length: 2_000 }, (_, i) => `${JSON.stringify({ time: i, msg: `line ${i}`.padEnd(40, '.') })}\n`);
    for (const line of lines) {
      r.write(line);
      expect(r.bytes()).toBeLessThanOrEqual(3 * 4096);
    }
    const kept = r.read().trim().split('\n');
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(lines.length);
    // Exactly the newest ones, oldest first.
    expect(kept).toEqual(lines.slice(lines.length - kept.length).map((l) => l.trim()));
    expect((await readdir(r.dir)).sort()).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2']);
    r.close();
  });

  it('reads only lines logged at or after a time', async () => {
    const r = await ring({ fileBytes: 64 * 1024, files: 2 });
    for (let t = 0; t < 10; t++) r.write(`${JSON.stringify({ time: 1000 + t, msg: `m${t}` })}\n`);
    expect(
      r
        .read(1007)
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { msg: string }).msg),
    ).toEqual(['m7', 'm8', 'm9']);
    r.close();
  });

  it('goes on where the last run stopped (the live file is appended to, and still bounded)', async () => {
    const first = await ring({ fileBytes: 2048, files: 2 });
    first.write('{"time":1,"msg":"before restart"}\n');
    first.close();
    const second = new LogRing({ dir: first.dir, fileBytes: 2048, files: 2 });
    for (let i = 0; i < 200; i++) second.write(`{"time":${i + 2},"msg":"after ${i}"}\n`);
    expect(second.bytes()).toBeLessThanOrEqual(2 * 2048);
    expect(second.read()).not.toContain('before restart');
    second.close();
  });

  it('keeps nothing after it is closed, even with its folder gone (a log line at shutdown never throws)', async () => {
    const r = await ring({ fileBytes: 2048, files: 2 });
    r.write('{"time":1,"msg":"kept"}\n');
    r.close();
    await rm(dir, { recursive: true, force: true });
    expect(() => r.write('{"time":2,"msg":"after close"}\n')).not.toThrow();
    expect(await readdir(dir).catch(() => 'gone')).toBe('gone');
  });

  it('gets what the logger writes, redacted as the logger redacts it', async () => {
    const r = await ring({ fileBytes: 64 * 1024, files: 2 });
    const seen: string[] = [];
    const log = createLogger({ level: 'info', destination: teeDestination({ write: (s: string) => void seen.push(s) }, r) });
    log.info({ event: 'journey.step', idNumber: '1000000008', mobile: '+966548986580', username: 'Faisal1042', password: 'Kiosk2030demo' }, 'person 1000000008 at the kiosk');
    log.flush();
    const text = r.read();
    expect(text).toBe(seen.join(''));
    expect(text).toContain('journey.step');
    for (const secret of ['1000000008', '548986580', 'Faisal1042', 'Kiosk2030demo']) expect(text).not.toContain(secret);
    r.close();
  });
});

describe('log upload parts', () => {
  const bytes = (text: string) => Buffer.byteLength(text);

  it('joined again give the text, and each fits its byte limit, whatever the script', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 120 }), { maxLength: 60 }), fc.integer({ min: 8, max: 400 }), (lines, max) => {
        const text = lines.map((l) => `${l.replace(/\n/g, ' ')}\n`).join('');
        const parts = splitLines(text, max);
        expect(parts.join('')).toBe(text);
        expect(parts.length).toBeGreaterThanOrEqual(1);
        for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('never cuts a line that fits in a part', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 48, max: 400 }), (lines, max) => {
        const text = lines.map((l) => `${l.replace(/\n/g, ' ')}\n`).join('');
        for (const part of splitLines(text, max)) expect(part.endsWith('\n')).toBe(true);
      }),
    );
  });

  it('an Arabic log of more than a part goes in parts under the request limit', () => {
    const line = `${JSON.stringify({ time: 1, msg: 'تم تحديث كلمة المرور بنجاح'.repeat(40) })}\n`;
    const parts = splitLines(line.repeat(200), 48_000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(48_000);
  });
});
