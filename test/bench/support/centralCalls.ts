/** The central probe (centralProbe.mjs, loaded into a host with --import) and the round trips it wrote down. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = new URL('..', import.meta.url).pathname;

/** Starts the host with the central probe loaded (NODE_OPTIONS is read by the host's node only: set, spawn, unset). */
export async function withProbe<T>(file: string, start: () => Promise<T>): Promise<T> {
  const before = process.env['NODE_OPTIONS'];
  process.env['NODE_OPTIONS'] = `${before ? `${before} ` : ''}--import=${pathToFileURL(join(here, 'support/centralProbe.mjs')).href}`;
  process.env['BENCH_CENTRAL_PROBE'] = file;
  try {
    return await start();
  } finally {
    if (before === undefined) delete process.env['NODE_OPTIONS'];
    else process.env['NODE_OPTIONS'] = before;
    delete process.env['BENCH_CENTRAL_PROBE'];
  }
}

/** The durations (ms) of the host's exchanges with central so far, from the probe's file. */
export function centralCalls(file: string, centralUrl: string): number[] {
  if (!existsSync(file)) return [];
  const origin = new URL(centralUrl).origin;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(origin))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}
