import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = alphabet[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base32 characters, most significant first.
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = alphabet[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

function increment(bytes: Uint8Array): Uint8Array {
  const next = Uint8Array.from(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    const b = next[i] ?? 0;
    if (b < 255) {
      next[i] = b + 1;
      return next;
    }
    next[i] = 0;
  }
  // 2^80 ids in one millisecond: not a thing that happens.
  throw new RangeError('transaction id space for this millisecond is exhausted');
}

interface TransactionIdSource {
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array;
}

/**
 * `<kioskId>-<ULID>`: time-ordered, so the outbox and the central side's logs
 * sort naturally; strictly increasing within a process even when the clock
 * stands still or steps back (the last id's random part is incremented); and
 * across restarts 80 random bits make a clash as good as impossible. The same
 * id is an online call's Idempotency-Key and an outbox event's key at central.
 */
export function transactionIds(kioskId: string, source: TransactionIdSource = {}): () => string {
  const now = source.now ?? Date.now;
  const random = source.randomBytes ?? ((n: number) => randomBytes(n));
  let lastTime = -1;
  let lastRandom: Uint8Array = new Uint8Array(10);
  return () => {
    const time = now();
    if (time > lastTime) {
      lastTime = time;
      lastRandom = random(10);
    } else {
      lastRandom = increment(lastRandom);
    }
    return `${kioskId}-${encodeTime(lastTime)}${encodeRandom(lastRandom)}`;
  };
}
