import type { Finding } from '../report/report-schema.js';
import type { BilledLine, MonthContext } from './month-context.js';
import type { Severity } from '../report/report-schema.js';
import {
  appliesIn,
  formatMessage,
  severityIn,
  type AtRiskLine,
  type FindingReport,
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
  /** The rule's `meta.codes`: a month that bills none of them is skipped. */
  codes: ReadonlySet<string> | undefined;
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
        codes: rule.meta.codes === undefined ? undefined : new Set(rule.meta.codes),
      }));
    byKey.set(key, active);
  }
  return active;
}

function billsAny(lines: readonly BilledLine[], codes: ReadonlySet<string>): boolean {
  for (let i = 0; i < lines.length; i++) if (codes.has((lines[i] as BilledLine).code)) return true;
  return false;
}

// The rule being checked and the list its findings go to, set around each check. One
// reporter serves every month (no function made per month); runRules saves and restores
// them, so a check that itself runs rules (none does) would still report to its own month.
let current: ActiveRule | undefined;
let sink: RuleFinding[] = [];

function report(r: FindingReport): void {
  const active = current;
  if (active === undefined) throw new Error('a rule reported after its check had returned');
  const { meta } = active.rule;
  const template = meta.messages[r.messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} has no message "${r.messageId}"`);
  const finding: RuleFinding = {
    ruleId: meta.id,
    severity: r.severity ?? active.severity,
    message: formatMessage(template, r.data),
    evidence: { ...r.data, ...r.evidence },
    sources: active.sources, // shared and frozen: every finding of a rule cites the same
  };
  if (r.atRisk) finding.atRisk = r.atRisk;
  sink.push(finding);
}

/** The engine's finding for a rule that threw: it names the rule, and its plugin if any. */
function ruleFailed(rule: Rule, error: unknown): RuleFinding {
  const { id } = rule.meta;
  const plugin = rule.plugin;
  return {
    ruleId: 'RULE-FAILED',
    severity: 'warning',
    message:
      plugin === undefined
        ? `Rule ${id} could not check this month; review it by hand.`
        : `Rule ${id} of plugin ${plugin} could not check this month; review it by hand.`,
    evidence: {
      rule: id,
      ...(plugin === undefined ? {} : { plugin }),
      error: error instanceof Error ? error.message : String(error),
    },
    sources: [],
  };
}

/**
 * Runs every rule in force for the month's service year, but for those whose codes the
 * month does not bill. A rule that throws becomes a RULE-FAILED finding for that month
 * instead of stopping the whole audit.
 */
export function runRules(
  rules: readonly Rule[],
  ctx: MonthContext,
  scope: 'billed-month' | 'unbilled-month',
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const active = activeRules(rules, scope, ctx.year);
  const lines = ctx.lines;
  const outerRule = current;
  const outerSink = sink;
  try {
    for (let i = 0; i < active.length; i++) {
      const a = active[i] as ActiveRule;
      if (a.codes !== undefined && !billsAny(lines, a.codes)) continue;
      current = a;
      sink = findings;
      try {
        a.rule.check(ctx, report);
      } catch (error) {
        findings.push(ruleFailed(a.rule, error));
      }
    }
  } finally {
    current = outerRule;
    sink = outerSink;
  }
  return findings;
}
