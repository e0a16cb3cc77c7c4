import { formatProblem, parseDataset, type Dataset } from '@chronicle/dataset';
import { createPluginHost, inProcessPlugin } from '@chronicle/plugin-api/host';
import { audit, cmsRules, type Finding } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import manifest from '../../chronicle-plugin.json' with { type: 'json' };
import * as plugin from '../../src/index.js';
import { POLICY_ID, type PlanPolicy } from '../../src/plan-policy.js';
import { MONTH } from './scenario.js';

// Rule tests are tables of months that pass and months that fail, as for the CMS rules.
// Each case loads the plugin through the plugin host from its manifest (with the case's
// policy values as a config file would give them), audits the dataset with the CMS rules
// and the plugin's, and reads the findings of the rule under test for the month.

export interface RuleCase {
  name: string;
  dataset: Dataset;
  month?: string;
  /** Policy values the config file would set for `ma-plan.policy`. */
  policy?: Partial<PlanPolicy>;
  /** Evidence the first finding must contain (a partial match). */
  evidence?: Record<string, unknown>;
  /** A text the first finding's message must contain. */
  message?: string;
  /** The number of findings, when more than one is expected. */
  count?: number;
}

export function ruleTable(ruleId: string, table: { valid: RuleCase[]; invalid: RuleCase[] }) {
  describe(ruleId, () => {
    it.each(table.valid.map((c) => [c.name, c] as const))('passes: %s', async (_name, c) => {
      expect((await findingsFor(ruleId, c)).map((f) => f.message)).toEqual([]);
    });
    it.each(table.invalid.map((c) => [c.name, c] as const))('fails: %s', async (_name, c) => {
      const findings = await findingsFor(ruleId, c);
      expect(findings.length, `${ruleId} should fire`).toBeGreaterThanOrEqual(1);
      if (c.count !== undefined) expect(findings).toHaveLength(c.count);
      const first = findings[0] as Finding;
      expect(first.message).not.toMatch(/\{\w+\}/); // every placeholder filled
      if (c.message !== undefined) expect(first.message).toContain(c.message);
      if (c.evidence) expect(first.evidence).toMatchObject(c.evidence);
    });
  });
}

export async function findingsFor(ruleId: string, c: RuleCase): Promise<Finding[]> {
  const parsed = parseDataset(c.dataset);
  if (!parsed.ok)
    throw new Error(
      `case "${c.name}" builds an invalid dataset:\n${parsed.problems.map(formatProblem).join('\n')}`,
    );
  const host = createPluginHost({
    chronicleVersion: '0.1.0',
    plugins: [
      inProcessPlugin(manifest, plugin, c.policy ? { policies: { [POLICY_ID]: c.policy } } : {}),
    ],
  });
  await host.activate('onAudit');
  expect(host.list()[0]?.problems).toEqual([]);
  const report = audit(parsed.value, { rules: [...cmsRules, ...host.rules()] });
  await host.deactivateAll();
  const month = c.month ?? MONTH;
  // A case whose month was not audited would pass without checking anything.
  expect(report.months.some((m) => m.month === month && m.claimIds.length > 0)).toBe(true);
  return report.months
    .filter((m) => m.month === month)
    .flatMap((m) => m.findings)
    .filter((f) => f.ruleId === ruleId);
}
