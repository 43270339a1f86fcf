// The kiosk's outbox writer and sender as a process of its own, for
// outboxSigkill.test.ts to kill at random moments. Protocol on stdout (a pipe:
// synchronous on Linux, so a line printed is a line the parent receives):
//   READY                    store open, about to write and send
//   ATTEMPT <txId> <seq>     about to commit an event with this id
//   COMMITTED <txId>         its COMMIT returned
//   DRAINED <pending>        (drain mode) the outbox is empty
import { readIdentity } from '../../electron/core/store/identity';
import { incrementCounter } from '../../electron/core/store/deviceCounters';
import { openStore } from '../../electron/core/store/openStore';
import { Outbox } from '../../electron/core/store/outbox';
import { transactionIds } from '../../electron/core/store/transactionId';
import { CentralClient } from '../../electron/core/sync/centralClient';
import { tlsFor } from '../../electron/core/sync/identityKeeper';
import { OutboxSender } from '../../electron/core/sync/outboxSender';

const [mode, dbPath, centralUrl, masterKeyBase64, seedText] = process.argv.slice(2);
if ((mode !== 'churn' && mode !== 'drain') || !dbPath || !centralUrl || !masterKeyBase64) {
  process.stderr.write('usage: outboxSigkillChild churn|drain <db> <centralUrl> <masterKeyBase64> [seed]\n');
  process.exit(2);
}

let seed = Number(seedText ?? '1') >>> 0 || 1;
function random(): number {
  // xorshift32: reproducible from the seed the parent logs.
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 2 ** 32;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const opened = await openStore({ path: dbPath, masterKey: Buffer.from(masterKeyBase64, 'base64') });
if (!opened.ok) throw new Error(`store: ${opened.error.type}`);
const { store, dataKey, masterKey } = opened.value;
const identity = await store.read((tx) => readIdentity(tx, masterKey));
if (!identity) throw new Error('the parent enrols the kiosk before starting the child');
const client = new CentralClient({ baseUrl: centralUrl, tls: tlsFor(identity), timeoutMs: 5_000 });
const newTxId = transactionIds('SIGKILL');
const outbox = new Outbox(store, dataKey, { newTxId, now: Date.now });
const sender = new OutboxSender({ outbox, central: client, now: Date.now, random, backoff: { baseMs: 10, capMs: 200, jitter: 'full' } });

if (mode === 'drain') {
  for (let round = 0; round < 2_000; round++) {
    await outbox.makeAllDue();
    await sender.drain();
    const stats = await outbox.stats();
    if (stats.pending === 0) {
      say(`DRAINED ${stats.deadLetters}`);
      await client.close();
      await store.close();
      process.exit(0);
    }
    await sleep(20);
  }
  process.exit(1);
}

say('READY');
let seq = Math.floor(random() * 1e9);

async function writeForever(): Promise<never> {
  for (;;) {
    // One to four events per transaction, with a state change beside them, as a flow would write them.
    const events = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({ txId: newTxId(), seq: seq++, pad: 'x'.repeat(Math.floor(random() * 2_000)) }));
    for (const e of events) say(`ATTEMPT ${e.txId} ${e.seq}`);
    await store.write(function* (tx) {
      yield* incrementCounter(tx, 'printer', 'receipts', 1, Date.now());
      for (const e of events) yield* outbox.enqueue(tx, { kind: 'telemetry', txId: e.txId, payload: { seq: e.seq, pad: e.pad } });
    });
    for (const e of events) say(`COMMITTED ${e.txId}`);
    if (random() < 0.3) await sleep(Math.floor(random() * 5));
  }
}

async function sendForever(): Promise<never> {
  for (;;) {
    await sender.drain();
    await sleep(Math.floor(random() * 10));
  }
}

await Promise.race([writeForever(), sendForever()]);
