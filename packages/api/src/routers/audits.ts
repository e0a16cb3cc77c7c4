import {
  auditRunFindings,
  cancelAuditRun,
  getAuditRun,
  listAuditRunStates,
  requestAuditRun,
} from '@chronicle/db';
import { z } from 'zod';
import { ApiError, notFound } from '../errors.js';
import { procedure, router } from '../trpc.js';

// Audits as background jobs: a run is requested (queued) and handed to the job queue;
// whichever server process takes it reports progress in the database, so any process can
// answer for it. A queued run can be cancelled at once, a running one at its next
// checkpoint. Findings are read a page at a time; whole reports download from the server's
// /api/audits/:runId/report.{json,csv,html}.

const runId = z.string().min(1, 'is required').max(200);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

export const auditsRouter = router({
  start: procedure('audits.run')
    .input(
      z
        .strictObject({
          practiceId: z.string().min(1, 'is required').max(200),
          from: month.optional(),
          to: month.optional(),
        })
        .refine((i) => !i.from || !i.to || i.from <= i.to, {
          message: 'the period ends before it starts',
          path: ['to'],
        }),
    )
    .mutation(async ({ ctx, input }) => {
      const { orgId, userId } = ctx.caller;
      const run = await requestAuditRun(ctx.db, {
        orgId,
        practiceId: input.practiceId,
        ...(input.from ? { from: input.from } : {}),
        ...(input.to ? { to: input.to } : {}),
        requestedBy: userId,
        now: ctx.now(),
      });
      try {
        await ctx.jobs.enqueueAudit(orgId, run.id);
      } catch (error) {
        // A run no job will ever take must not wait as "queued" forever.
        await cancelAuditRun(ctx.db, orgId, run.id, ctx.now());
        throw error;
      }
      ctx.log.info({ event: 'audit requested', orgId, runId: run.id }, 'audit requested');
      return run;
    }),
  get: procedure('audits.read')
    .input(z.strictObject({ runId }))
    .query(async ({ ctx, input }) => {
      const run = await getAuditRun(ctx.db, ctx.caller.orgId, input.runId);
      if (!run) throw notFound('runId', `audit run "${input.runId}"`);
      return run;
    }),
  list: procedure('audits.read')
    .input(z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }).optional())
    .query(({ ctx, input }) => listAuditRunStates(ctx.db, ctx.caller.orgId, input?.limit ?? 50)),
  cancel: procedure('audits.run')
    .input(z.strictObject({ runId }))
    .mutation(({ ctx, input }) => cancelAuditRun(ctx.db, ctx.caller.orgId, input.runId, ctx.now())),
  /** A page of a run's findings, in patient and month order, optionally of one rule. */
  findings: procedure('audits.read')
    .input(
      z.strictObject({
        runId,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        ruleId: z.string().min(1).max(100).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const run = await getAuditRun(ctx.db, ctx.caller.orgId, input.runId);
      if (!run) throw notFound('runId', `audit run "${input.runId}"`);
      if (run.status !== 'done')
        throw new ApiError('CONFLICT', [
          { path: 'runId', message: `the run is ${run.status}; its findings come when it is done` },
        ]);
      const page = await auditRunFindings(ctx.db, ctx.caller.orgId, {
        ...input,
        actor: ctx.caller.userId,
      });
      return { ...page, offset: input.offset, limit: input.limit };
    }),
});
