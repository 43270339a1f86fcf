// The initial renderer JavaScript: what the kiosk page loads before any lazy import, gzip.
// One definition for the build's guard (scripts/build.mjs fails over the budget) and the
// foundation bench's figure (test/bench/foundation.ts).
//
// Counted: the scripts and modulepreloads out/renderer/index.html names, and whatever
// those import statically (`import … from "./x.js"`), gzip level 9 each.
// Not counted: chunks reached only by `import("./x.js")` (maintenance, the ATM app, the dev dock).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The build fails when the initial renderer JavaScript is over this (gzip, KiB). */
export const INITIAL_RENDERER_JS_BUDGET_KIB = 125;

const tagPattern = /<(?:script|link)\b[^>]*>/g;
const staticImportPattern = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

function attribute(tag, name) {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1];
}

/**
 * The initial renderer JavaScript in a built renderer folder (default out/renderer).
 * @param {string} [dir]
 * @returns {{ files: { file: string, gzipBytes: number }[], gzipBytes: number, kib: number }}
 */
export function initialRendererJs(dir = new URL('../out/renderer', import.meta.url).pathname) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entries = [];
  for (const [tag] of html.matchAll(tagPattern)) {
    const url = tag.startsWith('<script') ? attribute(tag, 'src') : attribute(tag, 'rel') === 'modulepreload' ? attribute(tag, 'href') : undefined;
    if (url && /\.m?js$/.test(url) && !/^[a-z]+:/i.test(url)) entries.push(normalize(url.replace(/^\//, '')));
  }
  if (entries.length === 0) throw new Error(`rendererBudget: ${join(dir, 'index.html')} names no script`);
  const seen = new Set();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`rendererBudget: ${relative(process.cwd(), path)} is named but not built`);
    seen.add(file);
    const code = readFileSync(path, 'utf8');
    for (const match of code.matchAll(staticImportPattern)) queue.push(normalize(join(dirname(file), match[1])));
  }
  const files = [...seen].map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join(dir, file)), { level: 9 }).length }));
  const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files, gzipBytes, kib: gzipBytes / 1024 };
}

/**
 * Null when the initial renderer JavaScript is within the budget, else why not (the files and their sizes).
 * @param {string} [dir]
 * @param {number} [budgetKiB]
 * @returns {string | null}
 */
export function rendererBudgetProblem(dir, budgetKiB = INITIAL_RENDERER_JS_BUDGET_KIB) {
  const { files, kib } = initialRendererJs(dir);
  if (kib <= budgetKiB) return null;
  const list = files.map((f) => `  ${f.file}  ${(f.gzipBytes / 1024).toFixed(1)} KiB`).join('\n');
  return (
    `initial renderer JavaScript is ${kib.toFixed(1)} KiB gzip, over the ${budgetKiB} KiB budget:\n${list}\n` +
    'Move what the first screen does not need behind an import() (README, "Performance").'
  );
}
