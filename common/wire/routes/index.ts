import { accountRoutes } from './account';
import { catalogueRoutes } from './catalogue';
import { devRoutes } from './dev';
import { identityRoutes } from './identity';
import { kioskRoutes } from './kiosk';
import { editRoutes } from './edits';
import { meRoutes } from './me';
import { recoveryRoutes } from './recovery';
import { signInRoutes } from './signIn';

/**
 * The route table: method, path, who may call it (`config.access`, read by
 * the one access hook in http/access.ts from the matched route) and the zod
 * schemas the server validates with. The server registers exactly these, and
 * @fastify/swagger turns the same objects into central/openapi.json, so the
 * two cannot drift. One file per area, in the order of the document's tags,
 * each written with `defineRoutes` (./define.ts): what an area's routes share
 * (tag, access, security, a citizen action's headers) is said once, and a
 * route's operationId is its name here.
 */
export const routes = {
  ...kioskRoutes,
  ...identityRoutes,
  ...accountRoutes,
  ...signInRoutes,
  ...recoveryRoutes,
  ...meRoutes,
  ...catalogueRoutes,
  ...editRoutes,
  ...devRoutes,
} as const;
