import { audit, type AuditReport } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { createUser, importDataset, saveAuditRun, type Db } from '../../src/index.js';

// A stored practice with a done audit run for the follow-up tests: three months of 2026
// (January to March, claims paid or submitted) with faults, a compliance officer and an
// admin, and helpers to store later runs made from the same report.

export const dataset = generateDataset({
  seed: 61,
  patients: 8,
  year: 2026,
  months: 3,
  faultRate: 0.5,
});
export const report: AuditReport = audit(dataset);
export const practiceId = dataset.practice.id;
export const PLANNED_AT = new Date('2026-04-02T15:00:00Z');

/** Rule ids with findings of these severities in the report, sorted. */
export function rulesWith(severities: readonly string[]): string[] {
  const ids = report.months.flatMap((m) =>
    m.findings.filter((f) => severities.includes(f.severity)).map((f) => f.ruleId),
  );
  return [...new Set(ids)].sort();
}

/** The report without the findings of `ruleId` (as if the practice had fixed it). */
export function reportWithout(ruleId: string): AuditReport {
  const copy = structuredClone(report);
  for (const m of copy.months) m.findings = m.findings.filter((f) => f.ruleId !== ruleId);
  return copy;
}

/** Patient-months with an error finding, each with its billing practitioner. */
export function errorMonths(): Array<{ patientId: string; month: string; practitioner: string }> {
  return report.months
    .filter((m) => m.billingPractitionerId && m.findings.some((f) => f.severity === 'error'))
    .map((m) => ({
      patientId: m.patientId,
      month: m.month,
      practitioner: m.billingPractitionerId as string,
    }));
}

/** Imports the practice into the organization, with its users and the first run. */
export async function auditedPractice(db: Db, orgId: string): Promise<{ runId: string }> {
  await importDataset(db, { orgId, actor: 'test-setup', dataset });
  for (const [id, role] of [
    ['u-officer', 'compliance-officer'],
    ['u-admin', 'admin'],
    ['u-gone', 'care-manager'],
  ] as const)
    await createUser(
      db,
      orgId,
      { id, email: `${id}@follow-up.test`, displayName: id, role },
      'setup',
    );
  const run = await saveAuditRun(db, { orgId, practiceId, report, startedAt: PLANNED_AT });
  return { runId: run.id };
}
