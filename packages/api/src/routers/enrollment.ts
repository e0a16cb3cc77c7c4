import {
  enrollmentChangeSchema,
  enrollmentHistoryInputSchema,
  listEnrollment,
  recordEnrollment,
  refuseUnstorable,
} from '@chronicle/db';
import { procedure, router } from '../trpc.js';

// A patient's enrollment in a program: a history of changes of status (candidate, invited,
// enrolled, declined, disenrolled, enrolled elsewhere), each with the day it took effect
// and why. Which change may follow which is the repository's (enrollment.ts); the author
// is the signed-in user.

const changeInputSchema = enrollmentChangeSchema.omit({ authorId: true });

export const enrollmentRouter = router({
  history: procedure('patients.read')
    .input(enrollmentHistoryInputSchema)
    .query(({ ctx, input }) => listEnrollment(ctx.db, ctx.caller.orgId, ctx.caller.userId, input)),
  change: procedure('enrollment.write')
    .input(changeInputSchema)
    .mutation(({ ctx, input }) => {
      refuseUnstorable(input);
      return recordEnrollment(ctx.db, ctx.caller.orgId, { ...input, authorId: ctx.caller.userId });
    }),
});
