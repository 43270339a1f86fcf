#!/usr/bin/env node
// Electronegativity over the Electron code, as a gate: every finding is either
// fixed or justified in the source, next to the code it is about.
//
// Justification syntax, on the flagged line or in the comment block directly
// above it (one check per comment, the reason is required):
//
//   // electronegativity-justified: PRELOAD_JS_CHECK <why this is safe here>
//
// Findings in build output (out/main, out/preload) are matched to their source
// by check and code: a bundler may drop comments, so the justification lives in
// electron/, where people read it. Electronegativity's own `eng-disable`
// comments are refused: they hide a finding without saying why.
//
// All inputs are scanned as one application (its global checks, such as "is
// there a CSP anywhere", are about the whole app), from a staged copy in which
// .cjs/.mjs files get a .js name: Electronegativity skips those extensions, and
// the sandboxed preload bundle is a .cjs.
//
// Usage: node scripts/electronegativity.mjs [input…]   (default: electron/ and, when built, out/main and out/preload)
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import run from '@doyensec/electronegativity';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sarifPath = path.join(root, 'test-results', 'electronegativity.sarif');
const sourceDir = path.join(root, 'electron');
const scannedExtensions = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const marker = /electronegativity-justified:\s*([A-Z0-9_]+)(?:\s+(.*?))?\s*(?:\*\/|-->)?\s*$/;
const minimumReasonLength = 10;

/**
 * @typedef {{ id: string, file: string, location: { line: number, column: number }, description: string,
 *   severity: { name: string }, confidence: { name: string }, manualReview: boolean, shortenedURL?: string }} Issue
 * @typedef {{ id: string, reason: string, file: string, line: number }} Justification
 */

/** @param {string} file */
const relative = (file) => path.relative(root, file).split(path.sep).join('/');

/** @type {Map<string, string[]>} */
const linesCache = new Map();
/** @param {string} file */
function linesOf(file) {
  let lines = linesCache.get(file);
  if (!lines) {
    lines = existsSync(file) ? readFileSync(file, 'utf8').split(/\r?\n/) : [];
    linesCache.set(file, lines);
  }
  return lines;
}

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return scannedExtensions.has(path.extname(entry.name)) ? [full] : [];
  });
}

/** @param {string} text */
const isCommentLine = (text) => /^\s*(\/\/|\/\*|\*|<!--)/.test(text);

/**
 * The justifications that apply to a 1-based line: on it, or in the comment
 * block right above it.
 * @param {string} file @param {number} line @returns {Justification[]}
 */
function justificationsAt(file, line) {
  const lines = linesOf(file);
  /** @type {Justification[]} */
  const found = [];
  const consider = (/** @type {number} */ index) => {
    const match = marker.exec(lines[index] ?? '');
    if (match?.[1]) found.push({ id: match[1], reason: (match[2] ?? '').trim(), file, line: index + 1 });
  };
  consider(line - 1);
  for (let index = line - 2; index >= 0 && isCommentLine(lines[index] ?? ''); index--) consider(index);
  return found;
}

/** Code compared across source and bundle: no whitespace, one quote style, no trailing punctuation. @param {string} text */
const normalisedCode = (text) => text.replace(/\/\/.*$/, '').replace(/\s+/g, '').replace(/["'`]/g, '"').replace(/[;,]+$/, '');

/**
 * Every well-formed justification in the sources, keyed by check and the code it sits on.
 * @returns {Map<string, Justification>}
 */
function sourceJustifications() {
  /** @type {Map<string, Justification>} */
  const byCode = new Map();
  for (const file of filesUnder(sourceDir)) {
    const lines = linesOf(file);
    lines.forEach((text, index) => {
      if (isCommentLine(text) || normalisedCode(text) === '') return;
      for (const justification of justificationsAt(file, index + 1)) {
        byCode.set(`${justification.id}\u0000${normalisedCode(text)}`, justification);
      }
    });
  }
  return byCode;
}

/** @param {string[]} files */
function engDisableComments(files) {
  return files.flatMap((file) =>
    linesOf(file)
      .map((text, index) => ({ file, line: index + 1, text }))
      .filter(({ text }) => /eng-disable/.test(text) && !/electronegativity-justified/.test(text)),
  );
}

function electronVersion() {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/**
 * @param {Array<{ issue: Issue, justification: Justification | null }>} judged
 * @param {string} toolVersion
 */
function sarif(judged, toolVersion) {
  const rules = [...new Map(judged.map(({ issue }) => [issue.id, issue])).values()].map((issue) => ({
    id: issue.id,
    shortDescription: { text: issue.id },
    fullDescription: { text: issue.description },
    helpUri: `https://github.com/doyensec/electronegativity/wiki/${issue.id}`,
    properties: { category: 'Security' },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity', version: toolVersion, informationUri: 'https://github.com/doyensec/electronegativity', rules } },
        originalUriBaseIds: { SRCROOT: { uri: `${new URL(`file://${root}/`).href}` } },
        results: judged.map(({ issue, justification }) => ({
          ruleId: issue.id,
          level: justification ? 'note' : issue.manualReview ? 'warning' : 'error',
          message: { text: issue.description },
          properties: { severity: issue.severity.name, confidence: issue.confidence.name, manualReview: issue.manualReview },
          locations:
            issue.file === 'N/A'
              ? []
              : [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: relative(issue.file), uriBaseId: 'SRCROOT' },
                      region: { startLine: Math.max(1, issue.location.line), startColumn: issue.location.column + 1 },
                    },
                  },
                ],
          ...(justification
            ? {
                suppressions: [
                  { kind: 'inSource', status: 'accepted', justification: `${justification.reason} (${relative(justification.file)}:${justification.line})` },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}

/**
 * @param {string[]} inputs
 * @returns {Promise<{ issues: Issue[], parseFailures: Array<{ file: string, message: string }>, checks: string }>}
 */
async function scan(inputs) {
  const staging = mkdtempSync(path.join(tmpdir(), 'electronegativity-'));
  /** @type {Map<string, string>} staged copy → original file */
  const originals = new Map();
  try {
    for (const input of inputs) {
      for (const file of filesUnder(input)) {
        let staged = path.join(staging, relative(file).replaceAll('..', '__up__'));
        if (/\.(cjs|mjs)$/.test(staged)) staged += '.js';
        mkdirSync(path.dirname(staged), { recursive: true });
        copyFileSync(file, staged);
        originals.set(staged, file);
      }
    }
    const result = await run({ input: staging, electronVersionOverride: electronVersion(), isRelative: false, parserPlugins: [] });
    /** @param {string} file */
    const original = (file) => (file === 'N/A' ? file : (originals.get(file) ?? file));
    return {
      issues: result.issues.map((/** @type {Issue} */ issue) => ({ ...issue, file: original(issue.file) })),
      parseFailures: result.errors
        .filter((/** @type {{ tolerable: boolean }} */ error) => !error.tolerable)
        .map((/** @type {{ file: string, message: string }} */ error) => ({ file: original(error.file), message: error.message })),
      checks: `${result.globalChecks} global + ${result.atomicChecks} atomic checks`,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function main() {
  const requested = process.argv.slice(2);
  const inputs = (requested.length > 0 ? requested.map((p) => path.resolve(p)) : [sourceDir, path.join(root, 'out', 'main'), path.join(root, 'out', 'preload')]).filter(
    (input) => existsSync(input),
  );
  if (inputs.length === 0) {
    console.error('electronegativity: nothing to scan');
    process.exit(1);
  }

  const { issues, parseFailures, checks } = await scan(inputs);

  const bySource = sourceJustifications();
  const used = new Set();
  const judged = issues.map((issue) => {
    if (issue.file === 'N/A') return { issue, justification: null };
    let justification = justificationsAt(issue.file, issue.location.line).find((j) => j.id === issue.id) ?? null;
    if (!justification) {
      const code = linesOf(issue.file)[issue.location.line - 1] ?? '';
      justification = bySource.get(`${issue.id}\u0000${normalisedCode(code)}`) ?? null;
    }
    if (justification && justification.reason.length < minimumReasonLength) justification = null;
    if (justification) used.add(`${justification.file}:${justification.line}`);
    return { issue, justification };
  });

  mkdirSync(path.dirname(sarifPath), { recursive: true });
  writeFileSync(sarifPath, `${JSON.stringify(sarif(judged, JSON.parse(readFileSync(path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'package.json'), 'utf8')).version), null, 2)}\n`);

  const unjustified = judged.filter(({ justification }) => !justification).map(({ issue }) => issue);
  for (const issue of unjustified) {
    const where = issue.file === 'N/A' ? '(whole application)' : `${relative(issue.file)}:${issue.location.line}:${issue.location.column + 1}`;
    console.error(`\n✗ ${issue.id}  ${where}  [${issue.severity.name}/${issue.confidence.name}${issue.manualReview ? ', review' : ''}]`);
    console.error(`  ${issue.description}`);
    if (issue.file !== 'N/A') console.error(`  > ${(linesOf(issue.file)[issue.location.line - 1] ?? '').trim()}`);
    const bare = issue.file !== 'N/A' && justificationsAt(issue.file, issue.location.line).find((j) => j.id === issue.id);
    if (bare) console.error(`  a justification is there but its reason is missing or shorter than ${minimumReasonLength} characters`);
    console.error(
      issue.file === 'N/A'
        ? '  fix it: a whole-application finding cannot be justified inline'
        : `  fix it, or justify it in the source: // electronegativity-justified: ${issue.id} <reason>`,
    );
  }

  const scannedFiles = inputs.flatMap(filesUnder);
  const hidden = engDisableComments(scannedFiles);
  for (const { file, line, text } of hidden) {
    console.error(`\n✗ eng-disable  ${relative(file)}:${line}\n  > ${text.trim()}\n  use // electronegativity-justified: <CHECK> <reason> instead`);
  }
  for (const { file, message } of parseFailures) console.error(`\n✗ not scanned: ${relative(file)}: ${message}`);

  // Only meaningful when the sources themselves were scanned.
  const scannedSources = inputs.includes(sourceDir);
  for (const justification of scannedSources ? bySource.values() : []) {
    if (!used.has(`${justification.file}:${justification.line}`)) {
      console.warn(`\n! unused justification ${relative(justification.file)}:${justification.line} (${justification.id}): nothing flagged there any more`);
    }
  }

  const justifiedCount = judged.length - unjustified.length;
  const failed = unjustified.length > 0 || hidden.length > 0 || parseFailures.length > 0;
  console.log(
    `\nelectronegativity: ${failed ? 'FAIL' : 'pass'}: ${judged.length} finding(s) in ${inputs.map(relative).join(', ')} (${checks}); ` +
      `${justifiedCount} justified, ${unjustified.length} unjustified` +
      `${hidden.length ? `, ${hidden.length} eng-disable` : ''}${parseFailures.length ? `, ${parseFailures.length} unparsable` : ''}; SARIF: ${relative(sarifPath)}`,
  );
  process.exitCode = failed ? 1 : 0;
}

await main();
