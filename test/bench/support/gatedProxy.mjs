// The network between a kiosk and central, for the outbox bench: a TCP relay on 127.0.0.1 that holds every
// connection (nothing read, nothing answered) while the gate is shut, and relays bytes both ways once it is open,
// so a kiosk's calls made before then wait and then go through, as over a link that has just come back. TLS passes
// through untouched (mTLS is end to end). argv[2] is central's port. Prints "Proxy: <port>" once it listens.
// stdin: "open\n" opens the gate, "shut\n" shuts it for connections made after; answers "open"/"shut" on stdout.
import { connect, createServer } from 'node:net';
import { createInterface } from 'node:readline';

const target = Number(process.argv[2]);
let open = false;
const held = new Set();

function relay(client) {
  const upstream = connect(target, '127.0.0.1');
  const end = () => {
    client.destroy();
    upstream.destroy();
  };
  for (const socket of [client, upstream]) {
    socket.on('error', end);
    socket.on('close', end);
  }
  client.pipe(upstream);
  upstream.pipe(client);
}

const server = createServer({ pauseOnConnect: true }, (client) => {
  if (open) return relay(client);
  held.add(client);
  client.once('close', () => held.delete(client));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Proxy: ${typeof address === 'object' && address ? address.port : 0}\n`);
});
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'open') {
    open = true;
    for (const client of held) relay(client);
    held.clear();
  } else if (line === 'shut') {
    open = false;
  }
  process.stdout.write(`${open ? 'open' : 'shut'}\n`);
});
process.stdin.once('end', () => process.exit(0));
