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

/**
 * The durations (ms) of the host's exchanges with central on a person's behalf so far (`/v1/citizens/…`), from the
 * probe's file. The kiosk's own calls (`/v1/kiosks/…`: heartbeat, outbox, config) go on beside a journey, not in its
 * path: counted, one journey's note said 3 calls in one run and 2 in another, and the floor took their time.
 */
export function centralCalls(file: string, centralUrl: string): number[] {
  if (!existsSync(file)) return [];
  const journeyCalls = `${new URL(centralUrl).origin}/v1/citizens/`;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(journeyCalls))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}
