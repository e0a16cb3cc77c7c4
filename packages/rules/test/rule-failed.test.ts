import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset, type Dataset } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { audit, cmsRules, defineRule, type Rule } from '../src/index.js';

// A rule that throws does not stop the audit: the month gets the engine's RULE-FAILED
// finding naming the rule (and the plugin that registered it, when one did), and every
// other rule still runs on that month.

function example(name: string): Dataset {
  const file = join(import.meta.dirname, '../../../fixtures/examples', name);
  const parsed = parseDataset(JSON.parse(readFileSync(file, 'utf8')).dataset);
  if (!parsed.ok) throw new Error(`${name} is not a valid dataset`);
  return parsed.value;
}

const throwing = defineRule({
  meta: {
    id: 'test/ALWAYS-THROWS',
    severity: 'error',
    years: { from: 2015 },
    sources: ['https://example.org/policy'],
    description: 'A rule that throws on every month.',
    messages: { never: 'never reported' },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: { why: 'test', fail: 'any', pass: 'none', correctiveAction: 'none' },
  },
  check() {
    throw new Error('lookup table missing');
  },
});

const dataset = example('04-consent-missing.json');
const findingsOf = (rules: readonly Rule[]) =>
  audit(dataset, { rules }).months.flatMap((m) => m.findings);

describe('a rule that throws', () => {
  it('becomes a RULE-FAILED finding naming the rule, and the CMS rules still report', () => {
    const without = findingsOf(cmsRules);
    const findings = findingsOf([...cmsRules, throwing]);
    const failed = findings.filter((f) => f.ruleId === 'RULE-FAILED');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({
      severity: 'warning',
      message: 'Rule test/ALWAYS-THROWS could not check this month; review it by hand.',
      evidence: { rule: 'test/ALWAYS-THROWS', error: 'lookup table missing' },
    });
    expect(failed[0]?.evidence).not.toHaveProperty('plugin');
    expect(findings.filter((f) => f.ruleId !== 'RULE-FAILED')).toEqual(without);
  });

  it('names the plugin that registered it', () => {
    const fromPlugin: Rule = { ...throwing, plugin: 'acme.broken' };
    const [failed] = findingsOf([fromPlugin, ...cmsRules]).filter(
      (f) => f.ruleId === 'RULE-FAILED',
    );
    expect(failed).toMatchObject({
      message:
        'Rule test/ALWAYS-THROWS of plugin acme.broken could not check this month; review it by hand.',
      evidence: { rule: 'test/ALWAYS-THROWS', plugin: 'acme.broken' },
    });
  });
});
