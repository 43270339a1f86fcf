import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openCertificateAuthority } from '../../../central/pki/authority';
import { issueCertificate } from '../../../central/pki/issue';
import { generateKeyPair, privateKeyToPem } from '../../../central/pki/x509';
import { createBankClient } from './bankClient';
import type { BankClient } from './bankClient';

/**
 * The bank client over real HTTP on 127.0.0.1 against small scripted
 * servers that count what reaches them: a request the bank cannot have
 * seen is tried again, one it may have seen (a PIN try may be used up) is
 * never sent twice.
 */

const request = { pan: '4847111222333441', expiry: '3005', pinBlock: '0123456789ABCDEF', format: 'iso0' as const };
const APPROVED = { outcome: 'approved', attestation: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxIn0.c2ln' };
const quick = { backoff: { baseMs: 1, capMs: 5, jitter: 'none' as const }, attempts: 3 };

type Handler = (request: IncomingMessage, response: ServerResponse, n: number) => void;
let closers: (() => Promise<unknown>)[] = [];
let clients: BankClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(closers.map((close) => close()));
  closers = [];
  clients = [];
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );
  return String((server.address() as AddressInfo).port);
}

/** A bank that answers the n-th request (from 1) as `handle` says, and counts bodies received. */
async function bank(handle: Handler): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      handle(req, res, bodies.length);
    });
  });
  return { url: `http://127.0.0.1:${await listen(server)}`, bodies };
}

const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
const problem = (res: ServerResponse, status: number, slug: string) => json(res, status, { type: `/problems/${slug}`, title: slug, status }, 'application/problem+json');

function client(url: string, extra: Parameters<typeof createBankClient>[0] extends infer O ? Partial<O> : never = {}): BankClient {
  const made = createBankClient({ url, ...quick, ...extra });
  clients.push(made);
  return made;
}

describe('the bank client', () => {
  it('sends the request as the bank host’s schema has it and reads its answer', async () => {
    const host = await bank((_req, res) => json(res, 200, APPROVED));
    expect(await client(host.url).authorise(request)).toEqual({ ok: true, value: APPROVED });
    expect(host.bodies.map((b) => JSON.parse(b))).toEqual([request]);
  });

  it('503 before the body was looked at: tried again, and the next answer counts', async () => {
    const host = await bank((_req, res, n) => (n < 3 ? problem(res, 503, 'bank-host-unavailable') : json(res, 200, { outcome: 'wrongPin', triesLeft: 2 })));
    expect(await client(host.url).authorise(request)).toEqual({ ok: true, value: { outcome: 'wrongPin', triesLeft: 2 } });
    expect(host.bodies).toHaveLength(3);
  });

  it('503 every time: unavailable after the tries run out', async () => {
    const host = await bank((_req, res) => problem(res, 503, 'bank-host-unavailable'));
    expect(await client(host.url).authorise(request)).toEqual({ ok: false, error: { type: 'unavailable', detail: 'bank-host-unavailable' } });
    expect(host.bodies).toHaveLength(3);
  });

  it('nobody listening: unavailable (nothing was sent)', async () => {
    const host = await bank(() => undefined);
    await closers.pop()?.();
    expect(await client(host.url).authorise(request)).toMatchObject({ ok: false, error: { type: 'unavailable', detail: 'ECONNREFUSED' } });
  });

  it('the connection cut after the request arrived: the answer is lost, and the PIN block is not sent again', async () => {
    const host = await bank((req) => req.socket.destroy());
    expect(await client(host.url).authorise(request)).toMatchObject({ ok: false, error: { type: 'answerLost' } });
    expect(host.bodies).toHaveLength(1);
  });

  it('no answer within the limit: lost, not sent again', async () => {
    const host = await bank(() => undefined);
    expect(await client(host.url, { timeoutMs: 150 }).authorise(request)).toEqual({ ok: false, error: { type: 'answerLost', detail: 'timeout' } });
    expect(host.bodies).toHaveLength(1);
  });

  it('an answer the bank’s schema does not allow, and a problem answer, are typed and not retried', async () => {
    let host = await bank((_req, res) => json(res, 200, { outcome: 'approved', attestation: 'not a JWS' }));
    expect(await client(host.url).authorise(request)).toMatchObject({ ok: false, error: { type: 'badAnswer', detail: expect.stringContaining('attestation') } });
    expect(host.bodies).toHaveLength(1);
    host = await bank((_req, res) => problem(res, 422, 'pin-block-unreadable'));
    expect(await client(host.url).authorise(request)).toEqual({ ok: false, error: { type: 'refused', status: 422, problem: 'pin-block-unreadable' } });
    expect(host.bodies).toHaveLength(1);
  });

  it('a request the bank would refuse (month 13 on the stripe) is refused here, unsent', async () => {
    const host = await bank((_req, res) => json(res, 200, APPROVED));
    expect(await client(host.url).authorise({ ...request, expiry: '3013' })).toEqual({ ok: false, error: { type: 'refused', status: 400, problem: 'invalid-body' } });
    expect(host.bodies).toHaveLength(0);
  });

  it('over TLS it trusts the bank host CA it was given, and only that', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bank-ca-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const ca = await openCertificateAuthority(dir, 'Test Bank CA');
    const keys = await generateKeyPair();
    const issued = await issueCertificate(ca, keys.publicKey, { role: 'server', ipAddresses: ['127.0.0.1'], dnsNames: ['localhost'] }, { notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 3_600_000) });
    let seen = 0;
    const server = createTlsServer({ cert: issued.certificatePem, key: await privateKeyToPem(keys.privateKey) }, (req, res) => {
      seen += 1;
      req.resume();
      req.on('end', () => json(res, 200, APPROVED));
    });
    const url = `https://127.0.0.1:${await listen(server as unknown as Server)}`;
    expect(await client(url, { caPem: [ca.certificatePem] }).authorise(request)).toEqual({ ok: true, value: APPROVED });
    const other = await openCertificateAuthority(join(dir, 'other'), 'Someone Else CA');
    expect(await client(url, { caPem: [other.certificatePem] }).authorise(request)).toMatchObject({ ok: false, error: { type: 'unavailable' } });
    expect(seen).toBe(1);
  });
});
