// Loaded into the kiosk host with `--import` (NODE_OPTIONS) by the journeys bench, never by the product: appends one
// line per HTTP exchange the host's undici makes ("<origin><path> <ms>") to the file in BENCH_CENTRAL_PROBE, through
// undici's diagnostics channels. The bench keeps the lines for central's origin: the round trips a journey made.
import diagnostics from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_CENTRAL_PROBE;
if (file) {
  const started = new WeakMap();
  diagnostics.subscribe('undici:request:create', ({ request }) => started.set(request, performance.now()));
  const done = ({ request }) => {
    const at = started.get(request);
    if (at === undefined) return;
    started.delete(request);
    appendFileSync(file, `${request.origin}${request.path} ${(performance.now() - at).toFixed(2)}\n`);
  };
  diagnostics.subscribe('undici:request:trailers', done);
  diagnostics.subscribe('undici:request:error', done);
}
