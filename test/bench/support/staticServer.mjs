// The cold-start baseline: a bare `node` serving the files of one folder over HTTP on 127.0.0.1 (no framework, no
// build step; `/` is its index.html). argv[2] is the folder; prints "Static page: <url>" once it listens.
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const dir = resolve(process.argv[2] ?? '.');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const server = createServer((request, response) => {
  const path = resolve(join(dir, request.url === '/' ? 'index.html' : decodeURIComponent((request.url ?? '').split('?')[0] ?? '')));
  let body;
  try {
    body = path.startsWith(dir + sep) && statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    body = undefined;
  }
  if (!body) {
    response.writeHead(404, { 'content-length': 0 });
    response.end();
    return;
  }
  response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'content-length': body.length });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Static page: http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/\n`);
});
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
