import { describe, expect, it, vi } from 'vitest';

// Any module that loads zod at run time fails to load here (type-only imports are erased and do not count).
vi.mock('zod', () => {
  throw new Error('zod was loaded');
});

describe('the contract the renderer imports', () => {
  it('loads without zod', async () => {
    const contract = await import('./index');
    expect(contract.procedureNames).toContain('getSnapshot');
  });

  it('while the core side does load it (so the check above can fail)', async () => {
    await expect(import('./serve')).rejects.toThrow();
  });
});
