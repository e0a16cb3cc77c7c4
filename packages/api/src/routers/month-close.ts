import {
  closeMonth,
  closeMonthInputSchema,
  listMonthCloses,
  listMonthClosesInputSchema,
  monthHistory,
  monthHistoryInputSchema,
  reproduceClose,
  type MonthClose,
} from '@chronicle/db';
import { isDeepStrictEqual } from 'node:util';
import { notFound } from '../errors.js';
import { procedure, router } from '../trpc.js';

// Closing a patient-month: the audit's decision kept with what it was made from, the
// close and the amendments since, and running the decision again on its stored inputs to
// show it gives the same outcome.

const closeInput = closeMonthInputSchema.omit({ orgId: true, actor: true });
const monthInput = monthHistoryInputSchema.omit({ orgId: true, actor: true });

/** A close without the inputs it read (those come with the history). */
function decision({ inputs: _inputs, ...close }: MonthClose) {
  return close;
}

/** Equal as they travel (JSON): key order and absent optional fields do not count. */
const sameJson = (a: unknown, b: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

export const monthCloseRouter = router({
  close: procedure('months.close')
    .input(closeInput)
    .mutation(async ({ ctx, input }) =>
      decision(
        await closeMonth(ctx.db, { ...input, orgId: ctx.caller.orgId, actor: ctx.caller.userId }),
      ),
    ),
  /** Which patient-months of a practice's month are closed (without the decisions). */
  list: procedure('claims.read')
    .input(listMonthClosesInputSchema)
    .query(({ ctx, input }) =>
      listMonthCloses(ctx.db, { ...input, orgId: ctx.caller.orgId, actor: ctx.caller.userId }),
    ),
  history: procedure('patients.read')
    .input(monthInput)
    .query(async ({ ctx, input }) => {
      const history = await monthHistory(ctx.db, {
        ...input,
        orgId: ctx.caller.orgId,
        actor: ctx.caller.userId,
      });
      if (!history)
        throw notFound('month', `close of ${input.month} for patient "${input.patientId}"`);
      return history;
    }),
  /** The stored decision run again: `matches` says whether it gave the stored outcome. */
  reproduce: procedure('audits.read')
    .input(monthInput)
    .query(async ({ ctx, input }) => {
      const history = await monthHistory(ctx.db, {
        ...input,
        orgId: ctx.caller.orgId,
        actor: ctx.caller.userId,
      });
      if (!history)
        throw notFound('month', `close of ${input.month} for patient "${input.patientId}"`);
      const reproduced = reproduceClose(history.close);
      return {
        ...decision(history.close),
        matches: sameJson(reproduced, history.close.outcome),
        reproduced,
      };
    }),
});
