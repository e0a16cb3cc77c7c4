import { activityRouter } from './routers/activity.js';
import { correctiveActionsRouter, overpaymentsRouter } from './routers/audit-follow-up.js';
import { auditsRouter } from './routers/audits.js';
import { carePlansRouter } from './routers/care-plans.js';
import { claimsRouter } from './routers/claims.js';
import { clinicianLinksRouter } from './routers/clinician-links.js';
import { consentsRouter } from './routers/consents.js';
import { enrollmentRouter } from './routers/enrollment.js';
import { monthCloseRouter } from './routers/month-close.js';
import { monthsRouter } from './routers/months.js';
import { patientsRouter } from './routers/patients.js';
import { pluginsRouter } from './routers/plugins.js';
import { practicesRouter } from './routers/practices.js';
import { revenueRouter } from './routers/revenue.js';
import { sessionRouter } from './routers/session.js';
import { timeRouter } from './routers/time.js';
import { usersRouter } from './routers/users.js';
import { router } from './trpc.js';

// The whole API. The console imports `AppRouter` (a type only) for end-to-end types.

export const appRouter = router({
  session: sessionRouter,
  patients: patientsRouter,
  months: monthsRouter,
  claims: claimsRouter,
  monthClose: monthCloseRouter,
  audits: auditsRouter,
  correctiveActions: correctiveActionsRouter,
  overpayments: overpaymentsRouter,
  revenue: revenueRouter,
  users: usersRouter,
  enrollment: enrollmentRouter,
  consents: consentsRouter,
  carePlans: carePlansRouter,
  time: timeRouter,
  clinicianLinks: clinicianLinksRouter,
  practices: practicesRouter,
  activity: activityRouter,
  plugins: pluginsRouter,
});

export type AppRouter = typeof appRouter;
