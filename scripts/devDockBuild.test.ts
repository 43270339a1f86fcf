import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { UserConfig } from 'vite';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * The production package must not carry the demo's dev dock: built with the
 * flag off (`npm run package` sets KIOSK_DEV_DOCK=false), no file of the
 * renderer holds a string only the dock has. Built with it on, they all do,
 * so the search is known to look for the right thing.
 */

const root = resolve(import.meta.dirname, '..');
/** Only the dock has these: a CSS class, its banner, and its Arabic title. */
const dockOnly = ['dev-dock-present', 'DEMO ONLY', 'لوحة التطوير'];
const outDirs: string[] = [];

async function buildRenderer(devDock: 'true' | 'false'): Promise<string> {
  process.env.KIOSK_DEV_DOCK = devDock;
  // A fresh copy of the config each time: it reads the flag when it is evaluated.
  vi.resetModules();
  const { default: config } = (await import('../electron.vite.config')) as { default: { renderer: UserConfig } };
  const { build } = await import('vite');
  const outDir = await mkdtemp(join(tmpdir(), `kiosk-renderer-${devDock}-`));
  outDirs.push(outDir);
  const renderer = config.renderer;
  await build({
    ...renderer,
    configFile: false,
    root: join(root, 'renderer'),
    logLevel: 'error',
    build: { ...renderer.build, outDir, emptyOutDir: true, rollupOptions: { input: join(root, 'renderer/index.html') } },
  });
  return outDir;
}

async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|css|html)$/.test(entry.name)) continue;
    if ((await readFile(join(entry.parentPath, entry.name), 'utf8')).includes(needle)) found.push(entry.name);
  }
  return found;
}

afterAll(async () => {
  delete process.env.KIOSK_DEV_DOCK;
  for (const dir of outDirs) await rm(dir, { recursive: true, force: true });
});

describe('the dev dock in the renderer bundle', () => {
  it('is in the demo build', async () => {
    const out = await buildRenderer('true');
    for (const needle of dockOnly) expect(await filesHolding(out, needle), needle).not.toEqual([]);
  }, 120_000);

  it('is nowhere in the production build: no chunk, no styles, no messages', async () => {
    const out = await buildRenderer('false');
    const files = await readdir(join(out, 'assets'));
    expect(files.filter((f) => /dock/i.test(f))).toEqual([]);
    for (const needle of dockOnly) expect(await filesHolding(out, needle), needle).toEqual([]);
  }, 120_000);
});
