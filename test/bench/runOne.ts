// Runs one bench module in its own process and writes its figures as JSON.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchSuite } from './types';

const [modulePath, outFile] = process.argv.slice(2);
if (!modulePath || !outFile) throw new Error('usage: runOne <module> <out.json>');
const suite = (await import(pathToFileURL(modulePath).href)) as { default: BenchSuite };
const figures = await suite.default();
writeFileSync(outFile, JSON.stringify(figures));
process.exit(0);
