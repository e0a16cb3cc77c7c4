import { patientsRouter } from './routers/patients.js';
import { sessionRouter } from './routers/session.js';
import { router } from './trpc.js';

// The whole API. The console imports `AppRouter` (a type only) for end-to-end types.

export const appRouter = router({
  session: sessionRouter,
  patients: patientsRouter,
});

export type AppRouter = typeof appRouter;
