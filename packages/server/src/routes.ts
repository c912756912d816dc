import type { RouteDef } from './routeTypes.js';
import { caseRoutes } from './routes/cases.js';
import { metaRoutes } from './routes/meta.js';
import { submissionRoutes } from './routes/submissions.js';
import { accessRoutes } from './routes/access.js';

/**
 * Every route of the server, in one table: registered from it (app.ts), described from it (openapi.ts); access
 * rules and their test are generated from each route's `action`, `auth` and `scope`.
 */
export const routeTable: readonly RouteDef[] = [...metaRoutes, ...accessRoutes, ...caseRoutes, ...submissionRoutes];
