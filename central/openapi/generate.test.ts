import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralClient } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';
import { PROBLEM_CODES } from '../../common/wire/problem';
import { routes } from '../../common/wire/routes';

const committedPath = new URL('../openapi.json', import.meta.url);

describe('the OpenAPI contract', () => {
  let central: TestCentral;
  let served: unknown;

  beforeAll(async () => {
    central = await startTestCentral();
    const client = new CentralClient(central.url, central.caCertPem);
    served = (await client.call('/openapi.json')).body;
    await client.close();
  });
  afterAll(() => central.stop());

  it('the served document is the committed one (run `npm run gen` after changing common/wire/)', async () => {
    const committed = JSON.parse(await readFile(committedPath, 'utf8')) as unknown;
    expect(served).toEqual(committed);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(JSON.parse(await readFile(committedPath, 'utf8')) as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('describes every route in the table, with its operation id, and every problem code', () => {
    const document = served as { paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, { enum?: string[] }> } };
    for (const route of Object.values(routes)) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(document.paths[path]?.[route.method.toLowerCase()]?.operationId).toBe(route.schema.operationId);
    }
    expect(document.components.schemas.ProblemCode?.enum).toEqual([...PROBLEM_CODES]);
  });
});
