import { lastReason, STATE_LABELS, type Claim, type ProposalRow } from './model.js';

// The month's claim lines as a CSV file, with the evidence each rests on: one row per line
// of every claim of the month, then one per line of each proposal not yet claimed (a
// blocked proposal, or one with no line yet, gets one row naming what stands in the way).
// Papaparse writes it: quoting and escaping are its, and `escapeFormulae` neutralises cells
// a spreadsheet would run as formulas (starting with = + - @, tab or carriage return).
// It is loaded when a file is asked for, not with the page.

export const CSV_COLUMNS = [
  'month',
  'patient_id',
  'billing_practitioner_id',
  'date_of_service',
  'code',
  'units',
  'state',
  'claim_id',
  'claim_version',
  'reason',
  'clinical_staff_minutes',
  'practitioner_minutes',
  'blockers',
  'warnings',
  'next_code',
  'minutes_to_next',
  'month_closed_at',
  'month_closed_by',
] as const;

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

export function csvRows(month: string, rows: readonly ProposalRow[], claims: readonly Claim[]) {
  const out: CsvRow[] = [];
  const byClaim = new Map<string, ProposalRow>();
  for (const row of rows) for (const c of row.claims) byClaim.set(c.claimId, row);
  const evidence = (row: ProposalRow | undefined) => ({
    clinical_staff_minutes: row?.proposal.countableMinutes.clinicalStaff ?? '',
    practitioner_minutes: row?.proposal.countableMinutes.practitioner ?? '',
    blockers: row?.proposal.blockers.map((b) => `${b.ruleId}: ${b.message}`).join('; ') ?? '',
    warnings: row?.proposal.warnings.map((w) => `${w.ruleId}: ${w.message}`).join('; ') ?? '',
    next_code: row?.proposal.next?.code ?? '',
    minutes_to_next: row?.proposal.next?.minutesNeeded ?? '',
    month_closed_at: row?.close?.closedAt ?? '',
    month_closed_by: row?.close?.closedBy ?? '',
  });
  for (const claim of claims) {
    const row = byClaim.get(claim.claimId);
    for (const line of claim.lines)
      out.push({
        month,
        patient_id: claim.patientId,
        billing_practitioner_id: claim.billingPractitionerId,
        date_of_service: claim.dateOfService,
        code: line.code,
        units: line.units,
        state: claim.status,
        claim_id: claim.claimId,
        claim_version: claim.version,
        reason: lastReason(claim) ?? '',
        ...evidence(row),
      });
  }
  for (const row of rows) {
    if (row.claims.length > 0) continue;
    const { proposal } = row;
    const base = {
      month,
      patient_id: proposal.patientId,
      billing_practitioner_id: proposal.billingPractitionerId ?? '',
      date_of_service: proposal.dateOfService ?? '',
      state: STATE_LABELS[row.state],
      claim_id: '',
      claim_version: '',
      reason: '',
      ...evidence(row),
    };
    if (proposal.lines.length === 0) out.push({ ...base, code: '', units: '' });
    for (const line of proposal.lines) out.push({ ...base, code: line.code, units: line.units });
  }
  return out;
}

/** The CSV text (RFC 4180, CRLF line ends, a header row). */
export async function csvText(rows: readonly CsvRow[]): Promise<string> {
  // Papaparse is a CommonJS module: its functions come as the module's default export.
  const { default: papa } = await import('papaparse');
  return papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows.map((r) => CSV_COLUMNS.map((c) => r[c])) },
    { escapeFormulae: true, newline: '\r\n' },
  );
}

/** Hands the text to the browser as a file download. */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; the address is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
