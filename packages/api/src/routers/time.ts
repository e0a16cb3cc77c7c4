import {
  addTimeEntry,
  addTimeEntryInputSchema,
  amendTimeEntry,
  amendTimeEntryInputSchema,
  approveTimeEntry,
  approveTimeEntryInputSchema,
  cancelTimer,
  listMonthTime,
  monthTimeInputSchema,
  runningTimer,
  startTimer,
  startTimerInputSchema,
  stopTimer,
  stopTimerInputSchema,
  timeLogDetails,
  timerInputSchema,
} from '@chronicle/db';
import { ApiError } from '../errors.js';
import { allows } from '../permissions.js';
import { procedure, router } from '../trpc.js';

// Care-management time: a patient's month of entries, timers that become entries, entries
// added by hand, approval by a practitioner, and edits. Every entry is the signed-in
// user's clinician's (an admin links users to clinicians). An edit with a reason is an
// amendment, the only way to change a closed month; amending time needs `time.approve`
// as well as `time.write`, as the permission table says.

export const timeRouter = router({
  /**
   * The month's entries (with versions and amendments), the caller's running timer on the
   * patient, and the clinician the caller records time as (null while unlinked).
   */
  list: procedure('patients.read')
    .input(monthTimeInputSchema)
    .query(async ({ ctx, input }) => {
      const { orgId, userId } = ctx.caller;
      const month = await listMonthTime(ctx.db, orgId, userId, input);
      const { practiceId, patientId } = input;
      const details = await timeLogDetails(ctx.db, orgId, userId, {
        practiceId,
        patientId,
        entryIds: month.entries.map((e) => e.record.id),
      });
      return {
        ...month,
        entries: month.entries.map((e) => ({
          ...e,
          amendments: details.amendments[e.record.id] ?? [],
        })),
        timer: await runningTimer(ctx.db, orgId, userId, { practiceId, patientId }),
        clinician: details.clinician,
      };
    }),
  add: procedure('time.write')
    .input(addTimeEntryInputSchema)
    .mutation(({ ctx, input }) =>
      addTimeEntry(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
  startTimer: procedure('time.write')
    .input(startTimerInputSchema)
    .mutation(({ ctx, input }) =>
      startTimer(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
  stopTimer: procedure('time.write')
    .input(stopTimerInputSchema)
    .mutation(({ ctx, input }) =>
      stopTimer(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
  cancelTimer: procedure('time.write')
    .input(timerInputSchema)
    .mutation(({ ctx, input }) =>
      cancelTimer(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
  approve: procedure('time.approve')
    .input(approveTimeEntryInputSchema)
    .mutation(({ ctx, input }) =>
      approveTimeEntry(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
  amend: procedure('time.write')
    .input(amendTimeEntryInputSchema)
    .mutation(({ ctx, input }) => {
      if (input.reason !== undefined && !allows(ctx.caller.role, 'time.approve'))
        throw new ApiError('FORBIDDEN', [
          {
            path: 'reason',
            message: `the ${ctx.caller.role} role may not amend time (time.approve); leave out the reason for an ordinary edit of an open month`,
          },
        ]);
      return amendTimeEntry(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now());
    }),
});
