import { config } from 'zod';

/*
 * The contract builds zod schemas at import. Left alone, zod probes
 * `new Function('')` to decide whether it may compile parsers, and the CSP
 * (`script-src 'self'`) reports that probe as a violation. The renderer never
 * parses with these schemas (the core validates), so switch compilation off
 * before any contract module is evaluated. main.ts imports this first.
 */
config({ jitless: true });
