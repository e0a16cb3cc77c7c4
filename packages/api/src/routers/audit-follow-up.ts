import {
  createCorrectiveAction,
  createCorrectiveActionInputSchema,
  listCorrectiveActions,
  listCorrectiveActionsInputSchema,
  listOverpayments,
  listOverpaymentsInputSchema,
  openOverpayment,
  openOverpaymentInputSchema,
  planCorrectiveActions,
  planCorrectiveActionsInputSchema,
  retestCorrectiveAction,
  retestCorrectiveActionInputSchema,
  updateCorrectiveAction,
  updateCorrectiveActionInputSchema,
  updateOverpayment,
  updateOverpaymentInputSchema,
  type FollowUpCaller,
  listUserAccounts,
} from '@chronicle/db';
import { procedure, router } from '../trpc.js';

// What follows an audit run: its corrective-action plan (an item per failing rule, with an
// owner, a due date, a status and a re-test against a later run that the server decides)
// and the overpayment cases of months found in error after their claims went out, each
// with its 60-day clock judged at the server's clock. Reading needs `audits.read`, writing
// `audits.follow-up`. Every write names the version it read; a stale one is a conflict.

function caller(ctx: {
  caller: { orgId: string; userId: string };
  now: () => Date;
}): FollowUpCaller {
  return { orgId: ctx.caller.orgId, actor: ctx.caller.userId, now: ctx.now() };
}

export const correctiveActionsRouter = router({
  /**
   * Who may own an item: the organization's enabled users, by name and role (what the
   * owner picker offers; the users list itself is for admins only).
   */
  owners: procedure('audits.follow-up').query(async ({ ctx }) =>
    (await listUserAccounts(ctx.db, ctx.caller.orgId))
      .filter((u) => !u.disabled)
      .map((u) => ({ id: u.id, displayName: u.displayName, role: u.role })),
  ),
  /** The run's plan, in rule order. */
  list: procedure('audits.read')
    .input(listCorrectiveActionsInputSchema)
    .query(({ ctx, input }) => listCorrectiveActions(ctx.db, ctx.caller.orgId, input)),
  /** Items for every rule with error or warning findings that has none yet (idempotent). */
  plan: procedure('audits.follow-up')
    .input(planCorrectiveActionsInputSchema)
    .mutation(({ ctx, input }) => planCorrectiveActions(ctx.db, caller(ctx), input)),
  /** One item, for any rule with findings in the run. */
  create: procedure('audits.follow-up')
    .input(createCorrectiveActionInputSchema)
    .mutation(({ ctx, input }) => createCorrectiveAction(ctx.db, caller(ctx), input)),
  update: procedure('audits.follow-up')
    .input(updateCorrectiveActionInputSchema)
    .mutation(({ ctx, input }) => updateCorrectiveAction(ctx.db, caller(ctx), input)),
  /** Judges the item's rule on a later run of the practice, from the stored findings. */
  retest: procedure('audits.follow-up')
    .input(retestCorrectiveActionInputSchema)
    .mutation(({ ctx, input }) => retestCorrectiveAction(ctx.db, caller(ctx), input)),
});

export const overpaymentsRouter = router({
  /** Cases with days left and a warning at the server's clock, nearest deadline first. */
  list: procedure('audits.read')
    .input(listOverpaymentsInputSchema)
    .query(({ ctx, input }) => listOverpayments(ctx.db, caller(ctx), input)),
  /** A case for a month a run found in error whose claim was submitted or paid. */
  open: procedure('audits.follow-up')
    .input(openOverpaymentInputSchema)
    .mutation(({ ctx, input }) => openOverpayment(ctx.db, caller(ctx), input)),
  /** Records identified, quantified and refunded milestones, in order. */
  update: procedure('audits.follow-up')
    .input(updateOverpaymentInputSchema)
    .mutation(({ ctx, input }) => updateOverpayment(ctx.db, caller(ctx), input)),
});
