import { cmsRules } from '../rules/index.js';
import type { Rule } from './rule.js';
import { yearsLabel } from './rule.js';
import { sourceUrl } from './sources.js';

export interface RuleSummary {
  id: string;
  severity: string;
  description: string;
  years: string;
  sources: string[];
  /** What a practice does when the rule fails (the rule's doc). */
  correctiveAction: string;
}

/** The published rule list, derived from each rule's meta (never kept by hand). */
export function ruleList(rules: readonly Rule[] = cmsRules): RuleSummary[] {
  return rules.map(({ meta }) => ({
    id: meta.id,
    severity:
      typeof meta.severity === 'string'
        ? meta.severity
        : meta.severity.map((p) => `${p.severity} ${p.from}${p.to ? `-${p.to}` : '+'}`).join(', '),
    description: meta.description,
    years: yearsLabel(meta),
    sources: meta.sources.map(sourceUrl),
    correctiveAction: meta.docs.correctiveAction,
  }));
}
