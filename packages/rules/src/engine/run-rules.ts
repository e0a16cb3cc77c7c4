import type { Finding } from '../report/report-schema.js';
import type { MonthContext } from './month-context.js';
import type { Severity } from '../report/report-schema.js';
import {
  appliesIn,
  formatMessage,
  severityIn,
  type AtRiskLine,
  type Reporter,
  type Rule,
} from './rule.js';
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

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  sources: string[];
}

// The rules in force for a scope and service year, with their severity, worked out once
// per rule list rather than for every month.
const activeCache = new WeakMap<readonly Rule[], Map<number, ActiveRule[]>>();

function activeRules(
  rules: readonly Rule[],
  scope: 'billed-month' | 'unbilled-month',
  year: number,
): ActiveRule[] {
  let byKey = activeCache.get(rules);
  if (!byKey) {
    byKey = new Map();
    activeCache.set(rules, byKey);
  }
  // Billed years are positive keys, unbilled negative: no string built per month.
  const key = scope === 'billed-month' ? year : -year;
  let active = byKey.get(key);
  if (!active) {
    active = rules
      .filter(
        ({ meta }) =>
          meta.scope === scope && meta.lifecycle.retiredIn === undefined && appliesIn(meta, year),
      )
      .map((rule) => ({
        rule,
        severity: severityIn(rule.meta, year),
        sources: Object.freeze(sourcesOf(rule)) as string[],
      }));
    byKey.set(key, active);
  }
  return active;
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
  let current: ActiveRule | undefined;
  const report: Reporter = (r) => {
    const active = current as ActiveRule;
    const { meta } = active.rule;
    const template = meta.messages[r.messageId];
    if (template === undefined) throw new Error(`rule ${meta.id} has no message "${r.messageId}"`);
    findings.push({
      ruleId: meta.id,
      severity: r.severity ?? active.severity,
      message: formatMessage(template, r.data),
      evidence: { ...r.data, ...r.evidence },
      sources: active.sources, // shared and frozen: every finding of a rule cites the same
      ...(r.atRisk ? { atRisk: r.atRisk } : {}),
    });
  };
  for (const active of activeRules(rules, scope, ctx.year)) {
    current = active;
    try {
      active.rule.check(ctx, report);
    } catch (error) {
      findings.push({
        ruleId: 'RULE-FAILED',
        severity: 'warning',
        message: `Rule ${active.rule.meta.id} could not check this month; review it by hand.`,
        evidence: { rule: active.rule.meta.id, error: (error as Error).message },
        sources: [],
      });
    }
  }
  return findings;
}
