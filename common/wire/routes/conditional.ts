import { z } from 'zod';

/**
 * A GET that answers with an ETag (the kiosk's configuration, the service catalogue): sent back as If-None-Match,
 * it is answered 304 with no body while it is current.
 */
export const ifNoneMatchHeaders = z.looseObject({ 'if-none-match': z.string().max(200).optional() });

/** The 304 answer of such a route, beside its 200. */
export const notModified = { 304: z.null().describe('Not modified: the If-None-Match ETag is current (no body)') };
