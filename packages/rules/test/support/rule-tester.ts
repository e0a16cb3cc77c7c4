import { parseDataset, formatProblem, type Dataset } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { audit, type Policy, type Rule } from '../../src/index.js';
import { DEFAULT_POLICY, policySchema, type PolicyInput } from '../../src/policy.js';
import { MONTH } from './scenario.js';

// Rule tests are tables of months that must pass and months that must fail, each run
// through the whole audit with every rule (rules interact through proposals), then read
// for the rule under test. A failing case may name evidence it expects.

export interface RuleCase {
  name: string;
  dataset: Dataset;
  month?: string;
  patientId?: string;
  policy?: PolicyInput;
  /** Evidence the finding must contain (a partial match). */
  evidence?: Record<string, unknown>;
  /** Finding count when more than one is expected. */
  count?: number;
}

export function ruleTable(rule: Rule, table: { valid: RuleCase[]; invalid: RuleCase[] }): void {
  const id = rule.meta.id;
  describe(id, () => {
    it.each(table.valid.map((c) => [c.name, c] as const))('passes: %s', (_name, c) => {
      expect(findingsFor(id, c).map((f) => f.message)).toEqual([]);
    });
    it.each(table.invalid.map((c) => [c.name, c] as const))('fails: %s', (_name, c) => {
      const findings = findingsFor(id, c);
      expect(findings.length, `${id} should fire`).toBeGreaterThanOrEqual(1);
      if (c.count !== undefined) expect(findings).toHaveLength(c.count);
      const first = findings[0];
      expect(first?.severity).toBeDefined();
      expect(first?.message).not.toMatch(/\{\w+\}/); // every placeholder filled
      if (c.evidence) expect(first?.evidence).toMatchObject(c.evidence);
    });
  });
}

export function findingsFor(ruleId: string, c: RuleCase) {
  const parsed = parseDataset(c.dataset);
  if (!parsed.ok)
    throw new Error(
      `case "${c.name}" builds an invalid dataset:\n${parsed.problems.map(formatProblem).join('\n')}`,
    );
  const policy: Policy = c.policy ? policySchema.parse(c.policy) : DEFAULT_POLICY;
  const report = audit(parsed.value, { policy });
  const month = c.month ?? MONTH;
  const patientId = c.patientId ?? 'p-1';
  return report.months
    .filter((m) => m.month === month && m.patientId === patientId)
    .flatMap((m) => m.findings)
    .filter((f) => f.ruleId === ruleId);
}
