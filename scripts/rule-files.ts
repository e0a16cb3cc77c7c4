import { cmsRules, type Rule } from '@chronicle/rules';

// Rule, doc and test share one name: the kebab-case form of the rule ID.

export function kebab(id: string): string {
  return id.toLowerCase();
}

export interface RuleFiles {
  rule: Rule;
  source: string;
  test: string;
  doc: string;
}

export function ruleFiles(rules: readonly Rule[] = cmsRules): RuleFiles[] {
  return rules.map((rule) => {
    const name = kebab(rule.meta.id);
    return {
      rule,
      source: `packages/rules/src/rules/${name}.ts`,
      test: `packages/rules/test/rules/${name}.test.ts`,
      doc: `docs/rules/${name}.md`,
    };
  });
}
