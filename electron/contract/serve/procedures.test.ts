import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { journeyEventTypes } from '../journeys';
import { procedureNames } from '../procedures';
import type { ProcedureInputs, ProcedureName } from '../procedures';
import { journeyEventSchema } from './journeys';
import { procedureSchemas } from './procedures';

describe('the schemas say what the contract types say', () => {
  it('each schema parses to exactly the input the renderer is typed to send (a drift fails the typecheck)', () => {
    expectTypeOf<{ [P in ProcedureName]: z.output<(typeof procedureSchemas)[P]> }>().toEqualTypeOf<{ [P in ProcedureName]: ProcedureInputs[P] }>();
  });

  it('has a schema for every procedure name, and no other', () => {
    expect(Object.keys(procedureSchemas).sort()).toEqual([...procedureNames].sort());
  });

  it('knows every journey event type, in the contract order', () => {
    expect(journeyEventSchema.options.map((option) => option.shape.type.value)).toEqual(journeyEventTypes);
  });
});
