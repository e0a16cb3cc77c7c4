import { activityListInputSchema, listActivity, verifyActivityLog } from '@chronicle/db';
import { procedure, router } from '../trpc.js';

// The organization's activity log, the compliance record: pages of it (newest first,
// filtered by actor, action and record type) and whether its hash chain still holds from
// the first entry to the head the organization keeps.

export const activityRouter = router({
  list: procedure('activity.read')
    .input(activityListInputSchema)
    .query(({ ctx, input }) => listActivity(ctx.db, ctx.caller.orgId, input)),
  verify: procedure('activity.read').query(({ ctx }) =>
    verifyActivityLog(ctx.db, ctx.caller.orgId),
  ),
});
