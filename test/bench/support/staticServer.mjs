// The cold-start baseline: a bare `node` serving one static page over HTTP on 127.0.0.1 (no framework, no
// build step). argv[2] is the page's file; prints "Static page: <url>" once it listens.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const page = readFileSync(process.argv[2] ?? '');
const server = createServer((request, response) => {
  response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'content-length': request.url === '/' ? page.length : 0 });
  response.end(request.url === '/' ? page : undefined);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Static page: http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
