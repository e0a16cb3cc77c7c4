import { describe, expect, it } from 'vitest';
import type { AuditReport } from '@chronicle/rules';
import { compareReports, renderWhatIfCsv } from '../../src/index.js';
import { report } from '../sample-report.js';

// The what-if comparison: months whose verdict, amount at risk or rules differ between
// two audits of one period are listed, and only those; the dollars at stake add up.

function variant(change: (r: AuditReport) => void): AuditReport {
  const copy = structuredClone(report);
  change(copy);
  return copy;
}

describe('compareReports', () => {
  it('lists nothing when both audits agree', () => {
    const result = compareReports(report, structuredClone(report));
    expect(result.changes).toEqual([]);
    expect(result.summary.monthsChanged).toBe(0);
    expect(result.summary.revenueAtStake).toBe(0);
    expect(result.summary.monthsCompared).toBe(report.months.length);
  });

  it('reports a month that passes under the alternative, with the rules it loses and the dollars', () => {
    const failing = report.months.findIndex((m) => m.verdict === 'fail');
    const before = report.months[failing]!;
    const after = variant((r) => {
      const m = r.months[failing]!;
      m.verdict = 'pass';
      m.findings = [];
      m.amountAtRisk = 0;
    });
    const result = compareReports(report, after);
    expect(result.changes).toHaveLength(1);
    const change = result.changes[0]!;
    expect(change).toMatchObject({
      patientId: before.patientId,
      month: before.month,
      billed: true,
      before: { verdict: 'fail', amountAtRisk: before.amountAtRisk },
      after: { verdict: 'pass', amountAtRisk: 0, rules: [] },
      rulesAdded: [],
    });
    expect(change.rulesRemoved).toEqual([...new Set(before.findings.map((f) => f.ruleId))].sort());
    expect(result.summary).toMatchObject({ noLongerFailing: 1, newlyFailing: 0 });
    expect(result.summary.revenueAtStake).toBe(-before.amountAtRisk);
  });

  it('counts a month newly failing and a month present under one side only', () => {
    const passing = report.months.findIndex((m) => m.verdict === 'pass');
    const after = variant((r) => {
      const m = r.months[passing]!;
      m.verdict = 'fail';
      m.amountAtRisk = m.billedAmount;
      m.findings = [
        { ruleId: 'CONSENT-MISSING', severity: 'error', message: 'm', evidence: {}, sources: [] },
      ];
      r.months.push({ ...structuredClone(m), patientId: 'p-new', claimIds: [], billedAmount: 0 });
    });
    const result = compareReports(report, after);
    expect(result.summary.newlyFailing).toBe(1);
    const added = result.changes.find((c) => c.patientId === 'p-new');
    expect(added).toMatchObject({ before: null, billed: false, rulesAdded: ['CONSENT-MISSING'] });
  });

  it('refuses reports of two practices, naming the field', () => {
    const other = variant((r) => {
      r.practice.id = 'elsewhere';
    });
    expect(() => compareReports(report, other)).toThrow(/^practice:/);
  });

  it('writes one CSV row per change, an id that looks like a formula made inert', async () => {
    const after = variant((r) => {
      r.months[0]!.patientId = '=HYPERLINK("x")';
    });
    const csv = await renderWhatIfCsv(compareReports(report, after));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'patientId,month,billingPractitionerId,billed,billedAmount,verdictBefore,verdictAfter,amountAtRiskBefore,amountAtRiskAfter,rulesAdded,rulesRemoved',
    );
    // The renamed month appears twice: gone under its old id, new under its new one.
    expect(lines).toHaveLength(3);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
