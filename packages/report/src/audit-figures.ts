import {
  SEVERITIES,
  ruleList,
  type AuditedMonth,
  type AuditReport,
  type RuleSummary,
  type Severity,
} from '@chronicle/rules';
import type { PluginReportSection } from './plugin-sections.js';
import { compareText } from './report-format.js';

// The figures the HTML and PDF renderings share, computed once from the canonical report
// in a single pass over the months (a report may hold 100,000 of them). Only billed months
// count as audited, as in the report's summary: an unbilled month is listed for its
// findings but has no claim to be in error.

export interface AuditRenderOptions {
  /**
   * The rules whose description, corrective action and sources the report shows beside
   * their findings: the CMS catalogue by default; pass `ruleList(rules)` when the audit
   * ran with plugin rules.
   */
  rules?: readonly RuleSummary[];
  /**
   * Sections the plugins add, shown after "Findings by rule": pass
   * `host.renderReportSections(report)` of @chronicle/plugin-api/host.
   */
  sections?: readonly PluginReportSection[];
}

export interface MonthErrorRate {
  month: string;
  audited: number;
  withErrors: number;
  /** withErrors / audited (0 when nothing was audited). */
  share: number;
}

export interface PractitionerFigures {
  /** null: months with no billing practitioner. */
  practitionerId: string | null;
  months: number;
  monthsWithErrors: number;
  monthsWithWarnings: number;
  errorFindings: number;
  warningFindings: number;
  amountAtRisk: number;
}

export interface RuleFigures {
  id: string;
  findings: number;
  /** The severities its findings had, in SEVERITIES order. */
  severities: Severity[];
  /** Undefined when the rule is not in the rule list the report was rendered with. */
  rule?: RuleSummary;
}

/** Findings the engine reports about the audit itself; they are not rules of any list. */
const ENGINE_FINDINGS: readonly RuleSummary[] = [
  {
    id: 'RULE-FAILED',
    severity: 'warning',
    description:
      'A rule could not check the month (the evidence names the rule and its error); the other rules still ran.',
    years: 'all',
    sources: [],
    correctiveAction:
      'Review the month by hand against the rule named in the evidence, and report the error to whoever maintains that rule.',
  },
];

export function errorRateByMonth(months: readonly AuditedMonth[]): MonthErrorRate[] {
  const byMonth = new Map<string, MonthErrorRate>();
  for (const m of months) {
    if (m.claimIds.length === 0) continue;
    let row = byMonth.get(m.month);
    if (row === undefined) {
      row = { month: m.month, audited: 0, withErrors: 0, share: 0 };
      byMonth.set(m.month, row);
    }
    row.audited += 1;
    if (m.verdict === 'fail') row.withErrors += 1;
  }
  const rows = [...byMonth.values()].sort((a, b) => compareText(a.month, b.month));
  for (const row of rows) row.share = row.audited === 0 ? 0 : row.withErrors / row.audited;
  return rows;
}

export function findingsByPractitioner(months: readonly AuditedMonth[]): PractitionerFigures[] {
  const groups = new Map<string | null, PractitionerFigures>();
  for (const m of months) {
    if (m.claimIds.length === 0) continue;
    const key = m.billingPractitionerId;
    let g = groups.get(key);
    if (g === undefined) {
      g = {
        practitionerId: key,
        months: 0,
        monthsWithErrors: 0,
        monthsWithWarnings: 0,
        errorFindings: 0,
        warningFindings: 0,
        amountAtRisk: 0,
      };
      groups.set(key, g);
    }
    g.months += 1;
    if (m.verdict === 'fail') g.monthsWithErrors += 1;
    if (m.verdict === 'warn') g.monthsWithWarnings += 1;
    for (const f of m.findings) {
      if (f.severity === 'error') g.errorFindings += 1;
      else if (f.severity === 'warning') g.warningFindings += 1;
    }
    g.amountAtRisk += m.amountAtRisk;
  }
  const rows = [...groups.values()];
  for (const g of rows) g.amountAtRisk = Math.round(g.amountAtRisk * 100) / 100;
  // Named practitioners in id order, then the months with none.
  return rows.sort((a, b) =>
    a.practitionerId === null
      ? 1
      : b.practitionerId === null
        ? -1
        : compareText(a.practitionerId, b.practitionerId),
  );
}

/** The report's rules, most findings first, each with its entry in the rule list. */
export function findingsByRule(
  report: AuditReport,
  rules: readonly RuleSummary[] = ruleList(),
): RuleFigures[] {
  const severities = new Map<string, Set<Severity>>();
  for (const m of report.months)
    for (const f of m.findings) {
      let set = severities.get(f.ruleId);
      if (set === undefined) severities.set(f.ruleId, (set = new Set()));
      set.add(f.severity);
    }
  const byId = new Map<string, RuleSummary>();
  for (const r of [...ENGINE_FINDINGS, ...rules]) byId.set(r.id, r);
  return Object.entries(report.summary.findingsByRule)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([id, findings]) => {
      const seen = severities.get(id);
      const rule = byId.get(id);
      return {
        id,
        findings,
        severities: SEVERITIES.filter((s) => seen?.has(s)),
        ...(rule ? { rule } : {}),
      };
    });
}

/** The months with at least one finding, in report order: the ones to read in detail. */
export function flaggedMonths(months: readonly AuditedMonth[]): AuditedMonth[] {
  return months.filter((m) => m.findings.length > 0);
}
