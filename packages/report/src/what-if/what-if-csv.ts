import { renderCsv } from '../csv-cell.js';
import type { WhatIfReport } from './compare-reports.js';

// One row per changed month, the before and after side by side, for a spreadsheet.
// Rule lists are space-separated; quoting and formula-safe text are csv-cell.ts's.

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
    patientId: c.patientId,
    month: c.month,
    billingPractitionerId: c.billingPractitionerId ?? '',
    billed: c.billed ? 'yes' : 'no',
    billedAmount: c.billedAmount,
    verdictBefore: c.before?.verdict ?? '',
    verdictAfter: c.after?.verdict ?? '',
    amountAtRiskBefore: c.before?.amountAtRisk ?? '',
    amountAtRiskAfter: c.after?.amountAtRisk ?? '',
    rulesAdded: c.rulesAdded.join(' '),
    rulesRemoved: c.rulesRemoved.join(' '),
  }));
  return renderCsv(rows, WHAT_IF_CSV_COLUMNS);
}
