import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describeApi, formatDocument } from '../openapi/generate';

/** Rewrites central/openapi.json from the route table. Run: npx tsx central/scripts/writeOpenapi.ts */
const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
await writeFile(target, formatDocument(await describeApi()));
process.stdout.write(`wrote ${target}\n`);
