import type { Finding } from '../report/report-schema.js';
import type { MonthContext } from './month-context.js';
import { appliesIn, formatMessage, severityIn, type AtRiskLine, type Rule } from './rule.js';
import { sourceUrl } from './sources.js';

// Source URLs per rule, resolved once: an audit runs each rule hundreds of thousands of times.
const sourceCache = new WeakMap<Rule, string[]>();
function sourcesOf(rule: Rule): string[] {
  let urls = sourceCache.get(rule);
  if (!urls) {
    urls = rule.meta.sources.map(sourceUrl);
    sourceCache.set(rule, urls);
  }
  return urls;
}

export interface RuleFinding extends Finding {
  atRisk?: AtRiskLine[];
}

/**
 * Runs every rule in force for the month's service year. A rule that throws becomes a
 * RULE-FAILED finding for that month instead of stopping the whole audit.
 */
export function runRules(
  rules: readonly Rule[],
  ctx: MonthContext,
  scope: 'billed-month' | 'unbilled-month',
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    const { meta } = rule;
    if (
      meta.scope !== scope ||
      meta.lifecycle.retiredIn !== undefined ||
      !appliesIn(meta, ctx.year)
    )
      continue;
    const severity = severityIn(meta, ctx.year);
    try {
      rule.check(ctx, (report) => {
        const template = meta.messages[report.messageId];
        if (template === undefined)
          throw new Error(`rule ${meta.id} has no message "${report.messageId}"`);
        findings.push({
          ruleId: meta.id,
          severity: report.severity ?? severity,
          message: formatMessage(template, report.data),
          evidence: { ...report.data, ...report.evidence },
          sources: [...sourcesOf(rule)],
          ...(report.atRisk ? { atRisk: report.atRisk } : {}),
        });
      });
    } catch (error) {
      findings.push({
        ruleId: 'RULE-FAILED',
        severity: 'warning',
        message: `Rule ${meta.id} could not check this month; review it by hand.`,
        evidence: { rule: meta.id, error: (error as Error).message },
        sources: [],
      });
    }
  }
  return findings;
}
