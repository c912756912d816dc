import type { RouteDef } from './routeTypes.js';
import { caseRoutes } from './routes/cases.js';
import { metaRoutes } from './routes/meta.js';
import { submissionRoutes } from './routes/submissions.js';
import { accessRoutes } from './routes/access.js';
import { paperRoutes } from './routes/paper.js';
import { jobRoutes } from './routes/jobs.js';
import { caseworkRoutes } from './routes/casework.js';
import { approvalRoutes } from './routes/approvals.js';
import { referralRoutes } from './routes/referrals.js';
import { reportRoutes } from './routes/reports.js';

/**
 * Every route of the server, in one table: registered from it (app.ts), described from it (openapi.ts); access
 * rules (access.ts) are checked against each route's `action`, and the authorization matrix test covers every route.
 */
export const routeTable: readonly RouteDef[] = [
  ...metaRoutes,
  ...accessRoutes,
  ...caseRoutes,
  ...submissionRoutes,
  ...paperRoutes,
  ...caseworkRoutes,
  ...approvalRoutes,
  ...referralRoutes,
  ...jobRoutes,
  ...reportRoutes,
];
