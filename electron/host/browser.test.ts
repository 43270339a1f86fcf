import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxArgs, writeLaunchPage } from './browser';

describe('launching the kiosk browser', () => {
  it('keeps the per-launch token off the command line: a 0600 page in the 0700 profile dir forwards to it', () => {
    const profile = mkdtempSync(join(tmpdir(), 'kiosk-browser-test-'));
    try {
      const page = writeLaunchPage(profile, 'http://127.0.0.1:4000/#token=s3cr3t"<x>');
      expect(statSync(profile).mode & 0o777).toBe(0o700);
      expect(statSync(page).mode & 0o777).toBe(0o600);
      const html = readFileSync(page, 'utf8');
      expect(html).toContain('http-equiv="refresh" content="0;url=http://127.0.0.1:4000/#token=s3cr3t&quot;&lt;x&gt;"');
      expect(page).not.toContain('s3cr3t');
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('passes --no-sandbox only as root, and says so', () => {
    const said: string[] = [];
    expect(sandboxArgs(1000, (m) => said.push(m))).toEqual([]);
    expect(said).toEqual([]);
    expect(sandboxArgs(0, (m) => said.push(m))).toEqual(['--no-sandbox']);
    expect(said.join('')).toContain('--no-sandbox');
  });
});
