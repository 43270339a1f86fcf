/**
 * The core's side of the contract: the zod schemas every inbound call is
 * checked against, and `serveKioskApi`, which checks them. Only the core (and
 * tests that stand in for it) import this folder; the renderer's bundle must
 * carry no zod (see ../index.ts).
 */
export { serveKioskApi } from './serveKioskApi';
export type { ServeOptions, ServedConnection } from './serveKioskApi';
export { procedureSchemas } from './procedures';
export { journeyEventSchema } from './journeys';
