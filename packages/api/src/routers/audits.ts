import { randomInt } from 'node:crypto';
import {
  auditRunFindingCounts,
  auditRunFindings,
  cancelAuditRun,
  getAuditRun,
  listAuditRunStates,
  requestAuditRun,
  type Db,
} from '@chronicle/db';
import { cmsRules, SEVERITIES, SOURCES, type SourceKey } from '@chronicle/rules';
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

/** A catalogue rule's description and the CMS sources it cites, by rule id. */
const RULES = new Map(
  cmsRules.map(({ meta }) => [
    meta.id,
    {
      description: meta.description,
      sources: meta.sources.map((key) =>
        key.startsWith('http')
          ? { key, title: key, url: key }
          : { key, title: SOURCES[key as SourceKey].title, url: SOURCES[key as SourceKey].url },
      ),
    },
  ]),
);

/** Worst first: a rule with any error before one with warnings only. */
const rank = (severity: string) => {
  const i = (SEVERITIES as readonly string[]).indexOf(severity);
  return i < 0 ? SEVERITIES.length : i;
};

/** A run that is done, or the refusal to say anything about its findings yet. */
async function doneRun(db: Db, orgId: string, id: string) {
  const run = await getAuditRun(db, orgId, id);
  if (!run) throw notFound('runId', `audit run "${id}"`);
  if (run.status !== 'done')
    throw new ApiError('CONFLICT', [
      { path: 'runId', message: `the run is ${run.status}; its findings come when it is done` },
    ]);
  return run;
}

export const auditsRouter = router({
  start: procedure('audits.run')
    .input(
      z
        .strictObject({
          practiceId: z.string().min(1, 'is required').max(200),
          from: month.optional(),
          to: month.optional(),
          /** Audit a random sample of the billed months and extrapolate (docs/compliance/sampling.md). */
          sample: z
            .strictObject({
              size: z.number().int().min(2, 'must be at least 2').max(100_000),
              /** Chosen and recorded by the server when absent. */
              seed: z
                .string()
                .regex(/^[0-9]{1,16}$/, 'must be 1 to 16 decimal digits')
                .optional(),
              stratify: z.enum(['practitioner', 'amount']).optional(),
            })
            .optional(),
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
        ...(input.sample
          ? {
              sample: {
                size: input.sample.size,
                // An unrecorded seed makes a sample nobody can redraw: choose it here.
                seed: input.sample.seed ?? String(randomInt(1, 2 ** 47)),
                ...(input.sample.stratify ? { stratify: input.sample.stratify } : {}),
              },
            }
          : {}),
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
      await doneRun(ctx.db, ctx.caller.orgId, input.runId);
      const page = await auditRunFindings(ctx.db, ctx.caller.orgId, {
        ...input,
        actor: ctx.caller.userId,
      });
      return { ...page, offset: input.offset, limit: input.limit };
    }),
  /**
   * A done run's findings counted by rule, worst severity first: each rule with its count,
   * its count by severity, and (for the CMS catalogue's rules) what it checks and the
   * sources it cites. Counts only, no patient data.
   */
  findingCounts: procedure('audits.read')
    .input(z.strictObject({ runId }))
    .query(async ({ ctx, input }) => {
      await doneRun(ctx.db, ctx.caller.orgId, input.runId);
      const counts = await auditRunFindingCounts(ctx.db, ctx.caller.orgId, input.runId);
      const byRule = new Map<string, Array<{ severity: string; count: number }>>();
      for (const { ruleId, severity, count } of counts)
        byRule.set(ruleId, [...(byRule.get(ruleId) ?? []), { severity, count }]);
      const rules = [...byRule].map(([ruleId, severities]) => {
        severities.sort((a, b) => rank(a.severity) - rank(b.severity));
        const meta = RULES.get(ruleId);
        return {
          ruleId,
          count: severities.reduce((sum, s) => sum + s.count, 0),
          /** The worst severity among the rule's findings. */
          severity: (severities[0] as { severity: string }).severity,
          severities,
          description: meta?.description ?? null,
          sources: meta?.sources ?? [],
        };
      });
      rules.sort(
        (a, b) =>
          rank(a.severity) - rank(b.severity) ||
          b.count - a.count ||
          a.ruleId.localeCompare(b.ruleId),
      );
      return { rules };
    }),
});
