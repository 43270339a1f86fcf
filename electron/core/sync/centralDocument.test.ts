import { afterEach, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../common/result';
import { readCached, writeCached } from '../store/centralCache';
import { openTempStore } from '../store/testing/tempStore';
import type { ConfigFetch } from './centralClient';
import { CentralDocument, type DocumentFetch } from './centralDocument';
import type { CentralError } from './centralError';
import { z } from 'zod';

const doc = z.object({ version: z.string(), items: z.array(z.number()) });
type Doc = z.infer<typeof doc>;

let disposeAll: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposeAll) await dispose();
  disposeAll = [];
});

async function setUp() {
  const opened = await openTempStore();
  disposeAll.push(() => opened.dispose());
  const used: Doc[] = [];
  const document = new CentralDocument<Doc>({
    name: 'things',
    store: opened.store,
    now: () => 1_000,
    kept: async () => {
      const cached = await opened.store.read((tx) => readCached(tx, 'things'));
      return cached && { etag: cached.etag, version: used.at(-1)?.version ?? null, inUse: used.length > 0 };
    },
    validate: (body) => {
      const parsed = doc.safeParse(body);
      return parsed.success ? ok(parsed.data) : err(parsed.error.issues.map((i) => i.message));
    },
    versionOf: (d) => d.version,
    claimedVersion: (body) => (typeof (body as { version?: unknown }).version === 'string' ? (body as { version: string }).version : null),
    keep: (tx, copy) => writeCached(tx, 'things', { etag: copy.etag, body: copy.body, fetchedAt: copy.at }),
    use: (d) => used.push(d),
  });
  const audit = () => opened.store.read((tx) => tx.all(z.object({ action: z.string(), detail: z.string() }), 'SELECT action, detail FROM audit_log ORDER BY seq'));
  return { opened, document, used, audit };
}

const changed = (etag: string, body: unknown): DocumentFetch => async () => ok({ status: 'changed', etag, body });

it('applies a valid document with an audit entry, answers a 304 as unchanged, and sends the ETag of the copy in use', async () => {
  const { document, used, audit } = await setUp();
  const etags: (string | null)[] = [];
  expect(await document.refresh(async (etag) => (etags.push(etag), ok({ status: 'changed', etag: '"v1"', body: { version: '1', items: [1] } })))).toEqual(ok({ status: 'applied', version: '1' }));
  expect(await document.refresh(async (etag) => (etags.push(etag), ok({ status: 'notModified' })))).toEqual(ok({ status: 'unchanged', version: '1' }));
  // The same document again (no 304 from a proxy): not stored or used twice.
  expect(await document.refresh(changed('"v1"', { version: '1', items: [1] }))).toEqual(ok({ status: 'unchanged', version: '1' }));
  expect(etags).toEqual([null, '"v1"']);
  expect(used).toEqual([{ version: '1', items: [1] }]);
  expect((await audit()).map((a) => [a.action, JSON.parse(a.detail)])).toEqual([['things.applied', { version: '1', previous: null }]]);
});

it('refuses a bad document on the record and keeps the last good one', async () => {
  const { opened, document, used, audit } = await setUp();
  await document.refresh(changed('"v1"', { version: '1', items: [1] }));
  const refused = await document.refresh(changed('"v2"', { version: '2', items: ['x'] }));
  expect(refused.ok && refused.value).toMatchObject({ status: 'rejected', version: '2' });
  expect(used.map((d) => d.version)).toEqual(['1']);
  expect((await opened.store.read((tx) => readCached(tx, 'things')))?.etag).toBe('"v1"');
  expect((await audit()).map((a) => a.action)).toEqual(['things.applied', 'things.rejected']);
});

it('one fetch at a time: refreshes asked for while one runs share its answer; the next one fetches again', async () => {
  const { document, used } = await setUp();
  let fetches = 0;
  let answer: (value: Result<ConfigFetch, CentralError>) => void = () => undefined;
  const slow: DocumentFetch = () => {
    fetches += 1;
    return new Promise((resolve) => (answer = resolve));
  };
  const first = document.refresh(slow);
  const second = document.refresh(slow);
  await expect.poll(() => fetches).toBe(1);
  answer(ok({ status: 'changed', etag: '"v1"', body: { version: '1', items: [] } }));
  expect(await first).toEqual(ok({ status: 'applied', version: '1' }));
  expect(await second).toEqual(ok({ status: 'applied', version: '1' }));
  expect(used).toHaveLength(1);

  const failed = document.refresh(async () => err<CentralError>({ type: 'unreachable', cause: 'network', detail: 'down' }));
  expect((await failed).ok).toBe(false);
  expect(await document.refresh(changed('"v2"', { version: '2', items: [2] }))).toEqual(ok({ status: 'applied', version: '2' }));
  expect(fetches).toBe(1);
});
