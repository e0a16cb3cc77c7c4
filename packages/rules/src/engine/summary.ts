import { compareStrings } from './compare.js';
import type { AuditedMonth, AuditSummary } from '../report/report-schema.js';

// The report's totals, added up month by month so that a streamed audit need not keep
// its months. Amounts are summed in the order months are added, then rounded once: the
// same order gives the same floating-point total as summing the whole list.

export interface SummaryBuilder {
  add(month: AuditedMonth): void;
  result(): AuditSummary;
}

export function createSummaryBuilder(): SummaryBuilder {
  const findingsByRule: Record<string, number> = {};
  let billed = 0;
  let atRisk = 0;
  let unpriced = 0;
  let audited = 0;
  let passed = 0;
  let warned = 0;
  let failed = 0;
  return {
    add(m) {
      for (const f of m.findings) findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
      billed += m.billedAmount;
      atRisk += m.amountAtRisk;
      unpriced += m.unpricedLines;
      // Unbilled months (no claim) are reported for their findings but not counted as audited.
      if (m.claimIds.length === 0) return;
      audited += 1;
      switch (m.verdict) {
        case 'pass':
          passed += 1;
          break;
        case 'warn':
          warned += 1;
          break;
        case 'fail':
          failed += 1;
          break;
      }
    },
    result: () => ({
      monthsAudited: audited,
      monthsPassed: passed,
      monthsWithWarnings: warned,
      monthsWithErrors: failed,
      findingsByRule: Object.fromEntries(
        Object.entries(findingsByRule).sort(([a], [b]) => compareStrings(a, b)),
      ),
      billedAmount: Math.round(billed * 100) / 100,
      amountAtRisk: Math.round(atRisk * 100) / 100,
      unpricedLines: unpriced,
    }),
  };
}

export function summarize(months: readonly AuditedMonth[]): AuditSummary {
  const builder = createSummaryBuilder();
  for (const m of months) builder.add(m);
  return builder.result();
}
