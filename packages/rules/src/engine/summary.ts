import { compareStrings } from './compare.js';
import type { AuditedMonth, AuditSummary } from '../report/report-schema.js';

export function summarize(months: readonly AuditedMonth[]): AuditSummary {
  const findingsByRule: Record<string, number> = {};
  let billed = 0;
  let atRisk = 0;
  let unpriced = 0;
  for (const m of months) {
    for (const f of m.findings) findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
    billed += m.billedAmount;
    atRisk += m.amountAtRisk;
    unpriced += m.unpricedLines;
  }
  const audited = months.filter((m) => m.claimIds.length > 0);
  return {
    monthsAudited: audited.length,
    monthsPassed: audited.filter((m) => m.verdict === 'pass').length,
    monthsWithWarnings: audited.filter((m) => m.verdict === 'warn').length,
    monthsWithErrors: audited.filter((m) => m.verdict === 'fail').length,
    findingsByRule: Object.fromEntries(
      Object.entries(findingsByRule).sort(([a], [b]) => compareStrings(a, b)),
    ),
    billedAmount: Math.round(billed * 100) / 100,
    amountAtRisk: Math.round(atRisk * 100) / 100,
    unpricedLines: unpriced,
  };
}
