import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeApi, formatDocument } from '../openapi/generate';

/**
 * Writes central/openapi.json from the route table, or to the path given as
 * the one argument (scripts/gen.mjs --check writes a fresh copy aside).
 * Run through `npm run gen`.
 */
const target = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('../openapi.json', import.meta.url));
await writeFile(target, formatDocument(await describeApi()));
process.stdout.write(`wrote ${target}\n`);
