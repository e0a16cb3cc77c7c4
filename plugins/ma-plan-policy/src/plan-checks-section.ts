import { html, type RuleMeta } from '@chronicle/plugin-api';
import type { ReportRow, ReportSection } from '@chronicle/plugin-api/proposed';
import type { AuditReport } from '@chronicle/rules';
import { PLAN_NAME } from './plan.js';
import type { PlanPolicy } from './plan-policy.js';

// The report section "Medicare Advantage plan checks": how many billed months the audit
// checked, how many failed one of the plan's rules, and per rule the months failing, the
// findings and the months the rule could not check (its RULE-FAILED findings). Computed
// from the finished report alone, as every report section is.

export const SECTION_ID = 'ma-plan.checks';

/** A rule's figures in one report. */
interface RuleFigures {
  monthsFailing: number;
  findings: number;
  couldNotCheck: number;
}

export function planChecksSection(rules: readonly RuleMeta[], policy: PlanPolicy): ReportSection {
  return {
    id: SECTION_ID,
    render(report) {
      const figures = ruleFigures(report, rules);
      const billed = report.months.filter((m) => m.claimIds.length > 0);
      const failing = billed.filter((m) =>
        m.findings.some((f) => rules.some((r) => r.id === f.ruleId)),
      ).length;
      const rows: ReportRow[] = rules.map((rule) => {
        const f = figures.get(rule.id) as RuleFigures;
        return {
          Rule: rule.id,
          'Months failing': f.monthsFailing,
          Findings: f.findings,
          'Could not check': f.couldNotCheck,
        };
      });
      return {
        html: html`<p>
            Policy of ${PLAN_NAME}: a care-plan review within ${policy.reviewIntervalDays} days
            before each CCM date of service and two chronic diagnoses on the claim. Its rules apply
            to months whose patient has ${policy.coverageKinds.join(' or ')} coverage on the date of
            service; they pass every other month.
          </p>
          <p>
            Billed months checked: <strong>${billed.length}</strong>. Failing a plan rule:
            <strong>${failing}</strong>.
          </p>`,
        rows,
      };
    },
  };
}

function ruleFigures(report: AuditReport, rules: readonly RuleMeta[]): Map<string, RuleFigures> {
  const figures = new Map<string, RuleFigures>(
    rules.map((r) => [r.id, { monthsFailing: 0, findings: 0, couldNotCheck: 0 }]),
  );
  for (const month of report.months) {
    const seen = new Set<string>();
    for (const finding of month.findings) {
      const failedRule =
        finding.ruleId === 'RULE-FAILED'
          ? (finding.evidence as { rule?: unknown }).rule
          : undefined;
      const own = figures.get(typeof failedRule === 'string' ? failedRule : finding.ruleId);
      if (own === undefined) continue;
      if (failedRule !== undefined) {
        own.couldNotCheck += 1;
        continue;
      }
      own.findings += 1;
      if (!seen.has(finding.ruleId)) own.monthsFailing += 1;
      seen.add(finding.ruleId);
    }
  }
  return figures;
}
