import { z } from 'zod';

/** `{}` and nothing in it (NoInput). */
export const noInput = z.object({}).strict();
