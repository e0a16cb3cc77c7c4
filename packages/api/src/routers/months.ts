import { monthStatus, monthStatusInputSchema } from '@chronicle/db';
import { notFound } from '../errors.js';
import { procedure, router } from '../trpc.js';

// A patient's month as care managers follow it: countable minutes, the lines billable now,
// the next level and the minutes it still needs, and what blocks or warns, from the rules
// core's billing proposal. The read goes to the activity log.

export const monthsRouter = router({
  status: procedure('patients.read')
    .input(monthStatusInputSchema)
    .query(async ({ ctx, input }) => {
      const status = await monthStatus(ctx.db, ctx.caller.orgId, ctx.caller.userId, input);
      if (!status)
        throw notFound(
          'patientId',
          `patient "${input.patientId}" in practice "${input.practiceId}"`,
        );
      return { month: input.month, ...status };
    }),
});
