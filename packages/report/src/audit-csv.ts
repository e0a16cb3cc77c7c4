import type { AuditReport } from '@chronicle/rules';
import { renderCsv } from './csv-cell.js';

// The audit report as CSV: one row per audited month (record = month) followed by one row
// per finding of that month (record = finding), in the column order of AUDIT_CSV_COLUMNS.
// The month's key columns are repeated on its finding rows so that each row stands alone
// in a spreadsheet filter; money columns are filled on month rows only, so that a column
// sum is not inflated by findings. Evidence is JSON; claim ids, codes (CODE or CODExUNITS)
// and source URLs are space-separated. Quoting is @fast-csv/format's (RFC 4180); a text
// cell that a spreadsheet would run as a formula is prefixed with a quote (csv-cell.ts).

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
  return renderCsv(rows, AUDIT_CSV_COLUMNS);
}
