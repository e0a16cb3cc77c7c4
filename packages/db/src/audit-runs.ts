import { randomUUID } from 'node:crypto';
import type { AuditReport } from '@chronicle/rules';
import { withTenant, type Db } from './tenant.js';

// An audit, kept: when it ran, under which rules version and policy, its summary, and every
// finding (the months that passed leave no finding rows; the summary counts them).

export interface SavedAuditRun {
  id: string;
  practiceId: string;
  startedAt: string;
  rulesVersion: string;
  findings: number;
}

export async function saveAuditRun(
  db: Db,
  input: { orgId: string; practiceId: string; report: AuditReport; startedAt?: Date; id?: string },
): Promise<SavedAuditRun> {
  const { orgId, practiceId, report } = input;
  const id = input.id ?? randomUUID();
  const startedAt = (input.startedAt ?? new Date()).toISOString();
  const rows = report.months.flatMap((m) =>
    m.findings.map((f) => ({
      org_id: orgId,
      run_id: id,
      patient_id: m.patientId,
      month: m.month,
      billing_practitioner_id: m.billingPractitionerId,
      rule_id: f.ruleId,
      severity: f.severity,
      message: f.message,
      evidence: JSON.stringify(f.evidence),
    })),
  );
  await withTenant(db, orgId, async (trx) => {
    await trx
      .insertInto('audit_runs')
      .values({
        org_id: orgId,
        id,
        practice_id: practiceId,
        started_at: startedAt,
        rules_version: report.rulesVersion,
        policy: JSON.stringify(report.policy),
        summary: JSON.stringify(report.summary),
      })
      .execute();
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('audit_findings')
        .values(rows.slice(i, i + 1000))
        .execute();
  });
  return { id, practiceId, startedAt, rulesVersion: report.rulesVersion, findings: rows.length };
}

/** The organization's audit runs, newest first. */
export async function listAuditRuns(db: Db, orgId: string): Promise<SavedAuditRun[]> {
  return withTenant(db, orgId, async (trx) => {
    const runs = await trx
      .selectFrom('audit_runs')
      .leftJoin('audit_findings', (join) =>
        join
          .onRef('audit_findings.org_id', '=', 'audit_runs.org_id')
          .onRef('audit_findings.run_id', '=', 'audit_runs.id'),
      )
      .select(({ fn }) => [
        'audit_runs.id',
        'audit_runs.practice_id',
        'audit_runs.started_at',
        'audit_runs.rules_version',
        fn.count<number>('audit_findings.rule_id').as('findings'),
      ])
      .where('audit_runs.org_id', '=', orgId)
      .groupBy([
        'audit_runs.id',
        'audit_runs.practice_id',
        'audit_runs.started_at',
        'audit_runs.rules_version',
      ])
      .orderBy('audit_runs.started_at', 'desc')
      .execute();
    return runs.map((r) => ({
      id: r.id,
      practiceId: r.practice_id,
      startedAt: r.started_at,
      rulesVersion: r.rules_version,
      findings: Number(r.findings),
    }));
  });
}
