import { auditsRouter } from './routers/audits.js';
import { claimsRouter } from './routers/claims.js';
import { monthCloseRouter } from './routers/month-close.js';
import { patientsRouter } from './routers/patients.js';
import { revenueRouter } from './routers/revenue.js';
import { sessionRouter } from './routers/session.js';
import { usersRouter } from './routers/users.js';
import { router } from './trpc.js';

// The whole API. The console imports `AppRouter` (a type only) for end-to-end types.

export const appRouter = router({
  session: sessionRouter,
  patients: patientsRouter,
  claims: claimsRouter,
  monthClose: monthCloseRouter,
  audits: auditsRouter,
  revenue: revenueRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
