import type { AuditedMonth, AuditReport, Verdict } from '@chronicle/rules';

// What-if: the same period audited twice, under the policy (or rule set) in force and
// under another, and the months whose verdict or amount at risk differ. A compliance
// officer reads it before changing a policy option: which months would start or stop
// failing, and how many dollars move with them.

export interface MonthSide {
  verdict: Verdict;
  amountAtRisk: number;
  /** Rule ids of the month's findings, sorted, repeated ids kept once. */
  rules: string[];
}

export interface MonthChange {
  patientId: string;
  month: string;
  billingPractitionerId: string | null;
  /** Whether the month was billed (has a claim), as opposed to an unbilled info month. */
  billed: boolean;
  billedAmount: number;
  /** Absent when the month is reported under one side only (an unbilled info month). */
  before: MonthSide | null;
  after: MonthSide | null;
  rulesAdded: string[];
  rulesRemoved: string[];
}

export interface WhatIfReport {
  format: 'ccm-what-if';
  version: 1;
  practice: AuditReport['practice'];
  period: AuditReport['period'];
  before: { rulesVersion: string; policy: Record<string, unknown> };
  after: { rulesVersion: string; policy: Record<string, unknown> };
  /** Months whose verdict, amount at risk or rules differ, in the reports' month order. */
  changes: MonthChange[];
  summary: {
    monthsCompared: number;
    monthsChanged: number;
    /** Billed months that fail after and did not before. */
    newlyFailing: number;
    /** Billed months that failed before and no longer do. */
    noLongerFailing: number;
    amountAtRiskBefore: number;
    amountAtRiskAfter: number;
    /** after − before: positive when the alternative puts more billed dollars at risk. */
    revenueAtStake: number;
  };
}

const keyOf = (m: AuditedMonth) =>
  `${m.patientId}\u0000${m.month}\u0000${m.billingPractitionerId ?? ''}`;

function side(m: AuditedMonth | undefined): MonthSide | null {
  if (m === undefined) return null;
  return {
    verdict: m.verdict,
    amountAtRisk: m.amountAtRisk,
    rules: [...new Set(m.findings.map((f) => f.ruleId))].sort(),
  };
}

const cents = (x: number) => Math.round(x * 100) / 100;

/** Compares two audits of the same practice and period, month by month. */
export function compareReports(before: AuditReport, after: AuditReport): WhatIfReport {
  if (before.practice.id !== after.practice.id)
    throw new Error(
      `practice: the reports are of different practices ("${before.practice.id}", "${after.practice.id}")`,
    );
  const afterByKey = new Map(after.months.map((m) => [keyOf(m), m]));
  const seen = new Set<string>();
  const changes: MonthChange[] = [];
  const consider = (b: AuditedMonth | undefined, a: AuditedMonth | undefined) => {
    const m = (b ?? a) as AuditedMonth;
    const sb = side(b);
    const sa = side(a);
    const rulesBefore = new Set(sb?.rules ?? []);
    const rulesAfter = new Set(sa?.rules ?? []);
    const rulesAdded = [...rulesAfter].filter((r) => !rulesBefore.has(r));
    const rulesRemoved = [...rulesBefore].filter((r) => !rulesAfter.has(r));
    const same =
      sb !== null &&
      sa !== null &&
      sb.verdict === sa.verdict &&
      sb.amountAtRisk === sa.amountAtRisk &&
      rulesAdded.length === 0 &&
      rulesRemoved.length === 0;
    if (same) return;
    changes.push({
      patientId: m.patientId,
      month: m.month,
      billingPractitionerId: m.billingPractitionerId,
      billed: m.claimIds.length > 0,
      billedAmount: m.billedAmount,
      before: sb,
      after: sa,
      rulesAdded,
      rulesRemoved,
    });
  };
  for (const b of before.months) {
    const key = keyOf(b);
    seen.add(key);
    consider(b, afterByKey.get(key));
  }
  let onlyAfter = 0;
  for (const a of after.months) {
    if (seen.has(keyOf(a))) continue;
    onlyAfter += 1;
    consider(undefined, a);
  }

  const failing = (s: MonthSide | null) => s?.verdict === 'fail';
  const atRiskBefore = totalAtRisk(before.months);
  const atRiskAfter = totalAtRisk(after.months);
  return {
    format: 'ccm-what-if',
    version: 1,
    practice: before.practice,
    period: before.period,
    before: { rulesVersion: before.rulesVersion, policy: before.policy },
    after: { rulesVersion: after.rulesVersion, policy: after.policy },
    changes,
    summary: {
      monthsCompared: seen.size + onlyAfter,
      monthsChanged: changes.length,
      newlyFailing: changes.filter((c) => c.billed && failing(c.after) && !failing(c.before))
        .length,
      noLongerFailing: changes.filter((c) => c.billed && failing(c.before) && !failing(c.after))
        .length,
      amountAtRiskBefore: atRiskBefore,
      amountAtRiskAfter: atRiskAfter,
      revenueAtStake: cents(atRiskAfter - atRiskBefore),
    },
  };
}

/** Summed in report order and rounded once, as the report's own summary is. */
function totalAtRisk(months: readonly AuditedMonth[]): number {
  let total = 0;
  for (const m of months) total += m.amountAtRisk;
  return cents(total);
}
