import { writeToString } from '@fast-csv/format';
import { neutraliseFormula } from '../csv-cell.js';
import type { WhatIfReport } from './compare-reports.js';

// One row per changed month, the before and after side by side, for a spreadsheet.
// Quoting is @fast-csv/format's (RFC 4180); rule lists are space-separated.

export const WHAT_IF_CSV_COLUMNS = [
  'patientId',
  'month',
  'billingPractitionerId',
  'billed',
  'billedAmount',
  'verdictBefore',
  'verdictAfter',
  'amountAtRiskBefore',
  'amountAtRiskAfter',
  'rulesAdded',
  'rulesRemoved',
] as const;

type Row = Record<(typeof WHAT_IF_CSV_COLUMNS)[number], string | number>;

export async function renderWhatIfCsv(report: WhatIfReport): Promise<string> {
  const rows: Row[] = report.changes.map((c) => ({
    patientId: neutraliseFormula(c.patientId),
    month: c.month,
    billingPractitionerId: neutraliseFormula(c.billingPractitionerId ?? ''),
    billed: c.billed ? 'yes' : 'no',
    billedAmount: c.billedAmount,
    verdictBefore: c.before?.verdict ?? '',
    verdictAfter: c.after?.verdict ?? '',
    amountAtRiskBefore: c.before?.amountAtRisk ?? '',
    amountAtRiskAfter: c.after?.amountAtRisk ?? '',
    rulesAdded: c.rulesAdded.join(' '),
    rulesRemoved: c.rulesRemoved.join(' '),
  }));
  return `${await writeToString(rows, { headers: [...WHAT_IF_CSV_COLUMNS] })}\n`;
}
