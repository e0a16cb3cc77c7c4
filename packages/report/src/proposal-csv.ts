import type { BillingProposal } from '@chronicle/rules';
import { renderCsv } from './csv-cell.js';

// The billing proposal as CSV: one row per patient, in the column order of
// PROPOSAL_CSV_COLUMNS. Lines are CODE or CODExUNITS, space-separated; blockers and
// warnings are the rule ids, whose messages are in the JSON proposal. Text that a
// spreadsheet would run as a formula is prefixed with a quote (csv-cell.ts).

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
  return renderCsv(rows, PROPOSAL_CSV_COLUMNS);
}
