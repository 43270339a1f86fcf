import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Vue's scoped CSS keeps only what is inside a `:global()` part and drops the
 * rest of the selector: `:global(:root.theme-high-contrast) .badge { border }`
 * becomes `:root.theme-high-contrast { border }` and styles the whole page
 * (it gave the ATM's screen a border in high contrast, so it no longer fit).
 * A selector that needs the root's mode is written whole inside `:global()`.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : vueFiles(path);
    return entry.name.endsWith('.vue') ? [path] : [];
  });
}

/** Selectors in a file's style blocks where something follows a `:global(...)` part. */
function brokenGlobals(source: string): string[] {
  const styles = [...source.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => (m[1] ?? '').replace(/\/\*[\s\S]*?\*\//g, ''));
  return styles.flatMap((css) => [...css.matchAll(/:global\([^)]*\)[^{,;]*?(?=[{,])/g)].map((m) => m[0].trim()).filter((selector) => !/^:global\([^)]*\)$/.test(selector)));
}

describe('scoped styles', () => {
  it('finds a selector that goes on after :global() (the check itself)', () => {
    expect(brokenGlobals('<style scoped>\n:global(:root.theme-high-contrast) .badge { border: 2px solid; }\n</style>')).toEqual([':global(:root.theme-high-contrast) .badge']);
    expect(brokenGlobals('<style scoped>\n:global(:root.theme-high-contrast .badge) { border: 2px solid; }\n</style>')).toEqual([]);
  });

  it('no component writes a selector that Vue would cut down to its :global() part', () => {
    const found = vueFiles(join(root, 'renderer/src')).flatMap((file) => brokenGlobals(readFileSync(file, 'utf8')).map((selector) => `${relative(root, file)}: ${selector}`));
    expect(found).toEqual([]);
  });
});
