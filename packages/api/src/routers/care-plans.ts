import {
  addCarePlanEvent,
  addCarePlanEventInputSchema,
  listCarePlanEvents,
  patientRecordsInputSchema,
  shareCarePlan,
  shareCarePlanInputSchema,
} from '@chronicle/db';
import { procedure, router } from '../trpc.js';

// The care plan's events (established, revised, reviewed) with the elements the plan holds
// (ccm-domain §7), and when and how the plan was shared with the patient.

export const carePlansRouter = router({
  list: procedure('patients.read')
    .input(patientRecordsInputSchema)
    .query(({ ctx, input }) =>
      listCarePlanEvents(ctx.db, ctx.caller.orgId, ctx.caller.userId, input),
    ),
  addEvent: procedure('care-plan.write')
    .input(addCarePlanEventInputSchema)
    .mutation(({ ctx, input }) =>
      addCarePlanEvent(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
  share: procedure('care-plan.write')
    .input(shareCarePlanInputSchema)
    .mutation(({ ctx, input }) =>
      shareCarePlan(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
});
