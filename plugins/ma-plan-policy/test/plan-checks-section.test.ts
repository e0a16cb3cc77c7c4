import { parseDataset, type Dataset } from '@chronicle/dataset';
import { createPluginHost, inProcessPlugin } from '@chronicle/plugin-api/host';
import { audit, cmsRules, type AuditReport } from '@chronicle/rules';
import { beforeAll, describe, expect, it } from 'vitest';
import manifest from '../chronicle-plugin.json' with { type: 'json' };
import * as plugin from '../src/index.js';
import { scenario, withChange } from './support/scenario.js';

// The report section "Medicare Advantage plan checks", rendered by the plugin host from a
// finished report: months checked and failing, and per rule the months failing, the
// findings and the months the rule could not check.

const host = createPluginHost({
  chronicleVersion: '0.1.0',
  plugins: [inProcessPlugin(manifest, plugin)],
});
beforeAll(async () => {
  await host.activate('onAudit');
  await host.activate('onReport');
});

/** Three patients: one passing, one overdue for review, one failing both rules. */
function practice(): Dataset {
  const base = scenario();
  const overdue = withChange((p) => {
    p.id = 'p-2';
    p.carePlans = [p.carePlans[0]!];
  });
  const both = withChange((p) => {
    p.id = 'p-3';
    p.carePlans = [p.carePlans[0]!];
    p.claims[0]!.lines[0]!.diagnoses = ['I10'];
  });
  base.patients.push(overdue.patients[0]!, both.patients[0]!);
  return base;
}

function auditOf(dataset: Dataset): AuditReport {
  const parsed = parseDataset(dataset);
  if (!parsed.ok) throw new Error('invalid fixture');
  return audit(parsed.value, { rules: [...cmsRules, ...host.rules()] });
}

describe('the plan checks section', () => {
  it('counts the months checked and failing, and each rule’s months and findings', () => {
    const [section] = host.renderReportSections(auditOf(practice()));
    expect(section).toMatchObject({
      plugin: 'chronicle.ma-plan-policy',
      id: 'ma-plan.checks',
      title: 'Medicare Advantage plan checks',
      rows: [
        {
          Rule: 'ma-plan/CAREPLAN-REVIEW-OVERDUE',
          'Months failing': 2,
          Findings: 2,
          'Could not check': 0,
        },
        {
          Rule: 'ma-plan/CLAIM-DX-FEWER-THAN-TWO',
          'Months failing': 1,
          Findings: 1,
          'Could not check': 0,
        },
      ],
    });
    const text = section?.html?.replace(/\s+/g, ' ');
    expect(text).toContain(
      'Billed months checked: <strong>3</strong>. Failing a plan rule: <strong>2</strong>.',
    );
    expect(text).toContain('a care-plan review within 90 days');
    expect(text).toContain('medicare-advantage coverage on the date of service');
  });

  it('counts a RULE-FAILED finding of its rule as a month the rule could not check', () => {
    const report = auditOf(scenario());
    report.months[0]!.findings.push({
      ruleId: 'RULE-FAILED',
      severity: 'warning',
      message:
        'Rule ma-plan/CLAIM-DX-FEWER-THAN-TWO of plugin chronicle.ma-plan-policy could not check this month; review it by hand.',
      evidence: {
        rule: 'ma-plan/CLAIM-DX-FEWER-THAN-TWO',
        plugin: 'chronicle.ma-plan-policy',
        error: 'x',
      },
      sources: [],
    });
    const [section] = host.renderReportSections(report);
    expect(section?.rows?.[1]).toMatchObject({ 'Months failing': 0, 'Could not check': 1 });
  });
});
