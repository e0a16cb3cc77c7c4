import { randomUUID } from 'node:crypto';
import {
  assembleReport,
  RULES_VERSION,
  type AuditedMonth,
  type AuditReport,
  type Policy,
  type Rule,
} from '@chronicle/rules';
import { appendActivity } from './activity-log.js';
import { auditStoredPractice } from './audit-stored-practice.js';
import type { AuditRunSample, AuditRunStatus } from './tables/history.table.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// Audit runs as background jobs: requested (queued), then run by whichever server process
// takes the job, reporting progress as it goes and stopping when asked to; done runs keep
// their report and findings. Every state lives in the database, so any process can report
// on any run, and a run interrupted by a restart starts again from the beginning.

export interface AuditRunState {
  id: string;
  practiceId: string;
  status: AuditRunStatus;
  from: string | null;
  to: string | null;
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  progress: { done: number; total: number };
  error: string | null;
  rulesVersion: string;
  summary: Record<string, unknown>;
  /** The sample asked for; null when every billed month is audited. */
  sample: AuditRunSample | null;
  /** A done sampled run's estimate (the report's `estimate` block). */
  estimate: Record<string, unknown> | null;
}

/**
 * Draws a run's sample from its full report (the report package's `sampleReport`, handed
 * in by the server so that this layer need not carry the report renderers).
 */
export type SampleDrawer = (report: AuditReport, sample: AuditRunSample) => AuditReport;

/** Thrown inside a run that was asked to stop. */
export class AuditCancelled extends Error {
  override name = 'AuditCancelled';
}

export async function requestAuditRun(
  db: Db,
  input: {
    orgId: string;
    practiceId: string;
    from?: string;
    to?: string;
    requestedBy: string;
    policy?: Policy;
    sample?: AuditRunSample;
    now: Date;
  },
): Promise<AuditRunState> {
  const { orgId, practiceId } = input;
  const id = randomUUID();
  return withTenant(db, orgId, async (trx) => {
    const practice = await trx
      .selectFrom('practices')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', practiceId)
      .executeTakeFirst();
    if (!practice) throw new AuditRunError(`practiceId: no practice "${practiceId}"`);
    const total = await trx
      .selectFrom('patients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('audit_runs')
      .values({
        org_id: orgId,
        id,
        practice_id: practiceId,
        started_at: input.now.toISOString(),
        rules_version: RULES_VERSION,
        policy: JSON.stringify(input.policy ?? {}),
        summary: JSON.stringify({}),
        status: 'queued',
        period_from: input.from ?? null,
        period_to: input.to ?? null,
        requested_by: input.requestedBy,
        progress_total: Number(total.n),
        sample: input.sample ? JSON.stringify(input.sample) : null,
      })
      .execute();
    return (await readRun(db, orgId, id, trx)) as AuditRunState;
  });
}

export class AuditRunError extends Error {
  override name = 'AuditRunError';
}

async function readRun(
  db: Db,
  orgId: string,
  id: string,
  trx?: Parameters<Parameters<typeof withTenant>[2]>[0],
): Promise<AuditRunState | undefined> {
  const read = async (t: NonNullable<typeof trx>) => {
    const r = await t
      .selectFrom('audit_runs')
      .select([
        'id',
        'practice_id',
        'status',
        'period_from',
        'period_to',
        'requested_by',
        'started_at',
        'finished_at',
        'progress_done',
        'progress_total',
        'error',
        'rules_version',
        'summary',
        'sample',
        'estimate',
      ])
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      practiceId: r.practice_id,
      status: r.status,
      from: r.period_from,
      to: r.period_to,
      requestedBy: r.requested_by,
      startedAt: r.started_at,
      finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
      progress: { done: r.progress_done, total: r.progress_total },
      error: r.error,
      rulesVersion: r.rules_version,
      summary: r.summary,
      sample: r.sample,
      estimate: r.estimate,
    };
  };
  return trx ? read(trx) : withTenant(db, orgId, read);
}

export const getAuditRun = (db: Db, orgId: string, id: string) => readRun(db, orgId, id);

/** The organization's runs, newest first (without reports or findings). */
export async function listAuditRunStates(
  db: Db,
  orgId: string,
  limit = 50,
): Promise<AuditRunState[]> {
  return withTenant(db, orgId, async (trx) => {
    const ids = await trx
      .selectFrom('audit_runs')
      .select('id')
      .where('org_id', '=', orgId)
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    const runs = [];
    for (const { id } of ids) runs.push((await readRun(db, orgId, id, trx)) as AuditRunState);
    return runs;
  });
}

/** Asks a queued or running run to stop; a queued one stops at once. */
export async function cancelAuditRun(
  db: Db,
  orgId: string,
  id: string,
  now: Date,
): Promise<AuditRunState> {
  return withTenant(db, orgId, async (trx) => {
    const run = await readRun(db, orgId, id, trx);
    if (!run) throw new AuditRunError(`runId: no audit run "${id}"`);
    if (run.status === 'queued')
      await trx
        .updateTable('audit_runs')
        .set({ status: 'cancelled', cancel_requested: true, finished_at: now })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
    else if (run.status === 'running')
      await trx
        .updateTable('audit_runs')
        .set({ cancel_requested: true })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
    else throw new AuditRunError(`runId: the run is already ${run.status}`);
    return (await readRun(db, orgId, id, trx)) as AuditRunState;
  });
}

/**
 * Runs a requested audit: the job's body. Progress is written every `progressEvery`
 * patients, where a cancel request is also noticed. Findings and the report are written
 * in one transaction at the end (replacing any of an earlier, interrupted attempt).
 */
export async function executeAuditRun(
  db: Db,
  input: {
    orgId: string;
    runId: string;
    actor: string;
    now: () => Date;
    progressEvery?: number;
    /**
     * Whether progress can be written while the audit's read transaction is open: true on
     * PostgreSQL (another connection of the pool); false on PGlite, whose one connection
     * the read holds, so progress and a cancel request are seen only at the start and end.
     */
    checkpoints: boolean;
    /** Needed for a run that asked for a sample; such a run fails without it. */
    drawSample?: SampleDrawer;
    /** The rules to run (the server's plugins'); the CMS catalogue by default. */
    rules?: readonly Rule[];
  },
): Promise<AuditRunStatus> {
  const { orgId, runId, now } = input;
  const every = input.progressEvery ?? 200;
  const started = await withTenant(db, orgId, async (trx) => {
    const row = await trx
      .selectFrom('audit_runs')
      .select([
        'status',
        'practice_id',
        'period_from',
        'period_to',
        'policy',
        'cancel_requested',
        'sample',
      ])
      .where('org_id', '=', orgId)
      .where('id', '=', runId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.status === 'cancelled' || row.status === 'done') return undefined;
    await trx
      .updateTable('audit_runs')
      .set({ status: 'running', progress_done: 0, error: null })
      .where('org_id', '=', orgId)
      .where('id', '=', runId)
      .execute();
    return row;
  });
  if (!started) return 'cancelled';
  const months: AuditedMonth[] = [];
  let done = 0;
  const checkpoint = async () =>
    withTenant(db, orgId, async (trx) => {
      const row = await trx
        .updateTable('audit_runs')
        .set({ progress_done: done })
        .where('org_id', '=', orgId)
        .where('id', '=', runId)
        .returning('cancel_requested')
        .executeTakeFirst();
      if (!row || row.cancel_requested) throw new AuditCancelled(runId);
    });
  try {
    const result = await auditStoredPractice(
      db,
      {
        orgId,
        practiceId: started.practice_id,
        actor: input.actor,
        ...(started.period_from ? { from: started.period_from } : {}),
        ...(started.period_to ? { to: started.period_to } : {}),
        ...(Object.keys(started.policy).length > 0 ? { policy: started.policy as Policy } : {}),
        ...(input.rules !== undefined ? { rules: input.rules } : {}),
      },
      {
        async months(patientMonths) {
          for (const m of patientMonths) months.push(m);
          done += 1;
          if (input.checkpoints && done % every === 0) await checkpoint();
        },
      },
    );
    let report = assembleReport(result.head, months, result.tail);
    if (started.sample) {
      if (!input.drawSample) throw new AuditRunError('sample: this process cannot draw samples');
      report = input.drawSample(report, started.sample);
    }
    const written = await withTenant(db, orgId, async (trx) => {
      // The run's row is locked first: an attempt retried while an earlier one was still
      // running (its job presumed lost) finishes one at a time, and the later one finds
      // the run done and writes nothing, rather than adding its findings to the first's.
      const current = await trx
        .selectFrom('audit_runs')
        .select('status')
        .where('org_id', '=', orgId)
        .where('id', '=', runId)
        .forUpdate()
        .executeTakeFirst();
      if (!current || current.status === 'done' || current.status === 'cancelled')
        return current?.status ?? 'cancelled';
      await trx
        .deleteFrom('audit_findings')
        .where('org_id', '=', orgId)
        .where('run_id', '=', runId)
        .execute();
      const rows = report.months.flatMap((m) =>
        m.findings.map((f) => ({
          org_id: orgId,
          run_id: runId,
          patient_id: m.patientId,
          month: m.month,
          billing_practitioner_id: m.billingPractitionerId,
          rule_id: f.ruleId,
          severity: f.severity,
          message: f.message,
          evidence: JSON.stringify(f.evidence),
        })),
      );
      for (let i = 0; i < rows.length; i += 1000)
        await trx
          .insertInto('audit_findings')
          .values(rows.slice(i, i + 1000))
          .execute();
      await trx
        .updateTable('audit_runs')
        .set({
          status: 'done',
          progress_done: done,
          finished_at: now(),
          rules_version: report.rulesVersion,
          policy: JSON.stringify(report.policy),
          summary: JSON.stringify(report.summary),
          report: JSON.stringify(report),
          estimate: report.estimate ? JSON.stringify(report.estimate) : null,
        })
        .where('org_id', '=', orgId)
        .where('id', '=', runId)
        .execute();
      return 'done' as const;
    });
    return written;
  } catch (error) {
    const cancelled = error instanceof AuditCancelled;
    await withTenant(db, orgId, (trx) =>
      trx
        .updateTable('audit_runs')
        .set({
          status: cancelled ? 'cancelled' : 'failed',
          finished_at: now(),
          progress_done: done,
          // The error's kind, never its message: messages can quote stored records. A
          // sampling refusal ("size: ...") quotes only the request, and says what to change.
          error: cancelled
            ? null
            : error instanceof Error
              ? error.name === 'SamplingError'
                ? error.message
                : error.name
              : 'Error',
        })
        .where('org_id', '=', orgId)
        .where('id', '=', runId)
        .execute(),
    );
    if (cancelled) return 'cancelled';
    throw error;
  }
}

/**
 * Marks failed a run whose job was given up: every attempt was interrupted (the process
 * running it stopped or was killed) and the queue will not try again. A run that finished
 * or was cancelled meanwhile is left as it is. Returns whether the run was marked.
 */
export async function failInterruptedAuditRun(
  db: Db,
  input: { orgId: string; runId: string; attempts: number; now: Date },
): Promise<boolean> {
  return withTenant(db, input.orgId, async (trx) => {
    const marked = await trx
      .updateTable('audit_runs')
      .set({
        status: 'failed',
        finished_at: input.now,
        error: `interrupted: the server running it stopped ${input.attempts === 1 ? 'once' : `${input.attempts} times`}; start the audit again`,
      })
      .where('org_id', '=', input.orgId)
      .where('id', '=', input.runId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return Number(marked.numUpdatedRows) > 0;
  });
}

/**
 * A done run's report (the audit report JSON format), or undefined. The report holds the
 * practice's billed months, so reading it goes to the activity log as `actor`'s.
 */
export async function auditRunReport(
  db: Db,
  orgId: string,
  id: string,
  actor: string,
): Promise<Record<string, unknown> | undefined> {
  return withTenant(db, orgId, async (trx) => {
    const row = await trx
      .selectFrom('audit_runs')
      .select('report')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row?.report) return undefined;
    await logRunRead(trx, orgId, id, actor, 'report');
    return row.report;
  });
}

function logRunRead(trx: Tx, orgId: string, runId: string, actor: string, field: string) {
  return appendActivity(trx, orgId, [
    { actor, action: 'read', recordType: 'audit-run', recordId: runId, fields: [field] },
  ]);
}

/**
 * How many findings a run has, by rule and severity (a rule's severity can differ by
 * service year or finding), in rule order. Counts only: no patient data, so no log entry.
 */
export async function auditRunFindingCounts(
  db: Db,
  orgId: string,
  runId: string,
): Promise<Array<{ ruleId: string; severity: string; count: number }>> {
  return withTenant(db, orgId, async (trx) => {
    const rows = await trx
      .selectFrom('audit_findings')
      .select(['rule_id', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
      .where('org_id', '=', orgId)
      .where('run_id', '=', runId)
      .groupBy(['rule_id', 'severity'])
      .orderBy('rule_id')
      .orderBy('severity')
      .execute();
    return rows.map((r) => ({ ruleId: r.rule_id, severity: r.severity, count: Number(r.n) }));
  });
}

/** A page of a run's findings, in patient and month order, each with its evidence. */
export async function auditRunFindings(
  db: Db,
  orgId: string,
  input: { runId: string; offset: number; limit: number; ruleId?: string; actor: string },
): Promise<{
  rows: Array<{
    patientId: string;
    month: string;
    billingPractitionerId: string | null;
    ruleId: string;
    severity: string;
    message: string;
    /** The records and facts the finding cites, as the report holds them. */
    evidence: Record<string, unknown>;
  }>;
  total: number;
}> {
  return withTenant(db, orgId, async (trx) => {
    let query = trx
      .selectFrom('audit_findings')
      .where('org_id', '=', orgId)
      .where('run_id', '=', input.runId);
    if (input.ruleId) query = query.where('rule_id', '=', input.ruleId);
    const [rows, total] = await Promise.all([
      query
        .select([
          'patient_id',
          'month',
          'billing_practitioner_id',
          'rule_id',
          'severity',
          'message',
          'evidence',
        ])
        .orderBy('patient_id')
        .orderBy('month')
        .orderBy('rule_id')
        .offset(input.offset)
        .limit(input.limit)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    await logRunRead(trx, orgId, input.runId, input.actor, 'findings');
    return {
      rows: rows.map((r) => ({
        patientId: r.patient_id,
        month: r.month,
        billingPractitionerId: r.billing_practitioner_id,
        ruleId: r.rule_id,
        severity: r.severity,
        message: r.message,
        evidence: r.evidence,
      })),
      total: Number(total.n),
    };
  });
}
