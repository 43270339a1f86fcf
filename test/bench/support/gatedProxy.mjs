// The network between a kiosk and central, for the outbox bench: a TCP relay on 127.0.0.1. While the gate is shut
// nothing passes in either direction on any connection: a connection made then is held unread, and one already
// relaying stops mid-stream (its bytes wait, as over a link that has gone down under a request); once it opens,
// everything held goes through. TLS passes through untouched (mTLS is end to end). argv[2] is central's port.
// Prints "Proxy: <port>" once it listens. stdin: "open\n" / "shut\n"; answers "open"/"shut" on stdout.
// "busy\n" answers with a JSON line: the times central was answering since the last "busy" ([from, to] in ms on this
// machine's clock, Date.now()'s scale): on a connection, from the last byte of what the kiosk sent to the first byte of
// the answer (a TLS handshake's turns too), merged where connections overlap.
import { connect, createServer } from 'node:net';
import { createInterface } from 'node:readline';

const target = Number(process.argv[2]);
let open = false;
/** Connections made while shut, not yet relayed. */
const held = new Set();
/** Connections relaying: [client, upstream]. */
const relays = new Set();
/** Central's answering times since the last "busy": [from, to]. */
let answering = [];
const now = () => performance.timeOrigin + performance.now();

/** Notes on `pair` when central is answering: from the kiosk's last byte in to central's first byte out. */
function timeAnswers(pair) {
  let asked;
  pair[0].on('data', () => {
    asked = now();
  });
  pair[1].on('data', () => {
    if (asked === undefined) return;
    answering.push([asked, now()]);
    asked = undefined;
  });
}

/** `intervals` merged where they overlap, in order. */
function merged(intervals) {
  const out = [];
  for (const [from, to] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function flow(pair) {
  pair[0].pipe(pair[1]);
  pair[1].pipe(pair[0]);
}

function stop(pair) {
  pair[0].unpipe(pair[1]);
  pair[1].unpipe(pair[0]);
  pair[0].pause();
  pair[1].pause();
}

function relay(client) {
  const upstream = connect(target, '127.0.0.1');
  const pair = [client, upstream];
  relays.add(pair);
  const end = () => {
    relays.delete(pair);
    client.destroy();
    upstream.destroy();
  };
  for (const socket of pair) {
    socket.on('error', end);
    socket.on('close', end);
  }
  timeAnswers(pair);
  flow(pair);
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
  if (line === 'busy') {
    process.stdout.write(`${JSON.stringify(merged(answering))}\n`);
    answering = [];
    return;
  }
  if (line === 'open' && !open) {
    open = true;
    for (const pair of relays) flow(pair);
    for (const client of held) relay(client);
    held.clear();
  } else if (line === 'shut' && open) {
    open = false;
    for (const pair of relays) stop(pair);
  }
  process.stdout.write(`${open ? 'open' : 'shut'}\n`);
});
process.stdin.once('end', () => process.exit(0));
