import { writeToString } from '@fast-csv/format';
import type { AuditReport, BillingProposal } from '@chronicle/rules';

// CSV renderings. The audit CSV has one row per audited month (record = month) followed
// by one row per finding of that month (record = finding), with the month's key columns
// repeated so that each row stands alone in a spreadsheet filter.

export const AUDIT_CSV_COLUMNS = [
  'record',
  'patientId',
  'month',
  'billingPractitionerId',
  'claimIds',
  'codes',
  'clinicalStaffMinutes',
  'practitionerMinutes',
  'verdict',
  'billedAmount',
  'amountAtRisk',
  'ruleId',
  'severity',
  'message',
  'evidence',
  'sources',
] as const;

type Row = Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number>;

export async function renderAuditCsv(report: AuditReport): Promise<string> {
  const rows: Row[] = [];
  for (const m of report.months) {
    const key = {
      patientId: m.patientId,
      month: m.month,
      billingPractitionerId: m.billingPractitionerId ?? '',
      claimIds: m.claimIds.join(' '),
      codes: m.codes.map((c) => (c.units > 1 ? `${c.code}x${c.units}` : c.code)).join(' '),
      clinicalStaffMinutes: m.countableMinutes.clinicalStaff,
      practitionerMinutes: m.countableMinutes.practitioner,
      verdict: m.verdict,
    };
    rows.push({
      record: 'month',
      ...key,
      billedAmount: m.billedAmount,
      amountAtRisk: m.amountAtRisk,
      ruleId: '',
      severity: '',
      message: '',
      evidence: '',
      sources: '',
    });
    for (const f of m.findings) {
      rows.push({
        record: 'finding',
        ...key,
        billedAmount: '',
        amountAtRisk: '',
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        evidence: JSON.stringify(f.evidence),
        sources: f.sources.join(' '),
      });
    }
  }
  return `${await writeToString(rows, { headers: [...AUDIT_CSV_COLUMNS] })}\n`;
}

export const PROPOSAL_CSV_COLUMNS = [
  'month',
  'patientId',
  'billingPractitionerId',
  'clinicalStaffMinutes',
  'practitionerMinutes',
  'lines',
  'dateOfService',
  'blockers',
  'warnings',
  'nextCode',
  'nextMinutesNeeded',
] as const;

export async function renderProposalCsv(proposal: BillingProposal): Promise<string> {
  const rows = proposal.patients.map((p) => ({
    month: proposal.month,
    patientId: p.patientId,
    billingPractitionerId: p.billingPractitionerId ?? '',
    clinicalStaffMinutes: p.countableMinutes.clinicalStaff,
    practitionerMinutes: p.countableMinutes.practitioner,
    lines: p.lines.map((l) => (l.units > 1 ? `${l.code}x${l.units}` : l.code)).join(' '),
    dateOfService: p.dateOfService ?? '',
    blockers: p.blockers.map((b) => b.ruleId).join(' '),
    warnings: p.warnings.map((b) => b.ruleId).join(' '),
    nextCode: p.next?.code ?? '',
    nextMinutesNeeded: p.next?.minutesNeeded ?? '',
  }));
  return `${await writeToString(rows, { headers: [...PROPOSAL_CSV_COLUMNS] })}\n`;
}
