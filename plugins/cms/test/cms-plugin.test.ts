import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset } from '@chronicle/dataset';
import { defineRule } from '@chronicle/plugin-api';
import { createPluginHost, inProcessPlugin, type PluginHost } from '@chronicle/plugin-api/host';
import { audit, cmsRules, proposeBilling } from '@chronicle/rules';
import { beforeAll, describe, expect, it } from 'vitest';
import manifest from '../chronicle-plugin.json' with { type: 'json' };
import * as cms from '../src/index.js';

// The CMS rule pack is a plugin like any other: its manifest declares the catalogue, its
// activate registers it through the public API, and an audit with the host's rules is
// exactly the audit `audit()` gives with the default rules, on every worked example.

const examplesDir = join(import.meta.dirname, '../../../fixtures/examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((name) => {
    const example = JSON.parse(readFileSync(join(examplesDir, name), 'utf8'));
    const parsed = parseDataset(example.dataset);
    if (!parsed.ok) throw new Error(`${name} is not a valid dataset`);
    return [name, parsed.value, example.expect as { month?: string }] as const;
  });

// The examples with a billed month (a bill example holds time only).
const billed = examples.filter(([, d]) => audit(d).months.some((m) => m.claimIds.length > 0));

const cmsSource = () => inProcessPlugin(manifest, cms, { location: 'built in' });

describe('the CMS plugin', () => {
  let host: PluginHost;
  beforeAll(async () => {
    host = createPluginHost({ chronicleVersion: '0.1.0', plugins: [cmsSource()] });
    await host.activate('onAudit');
  });

  it('is accepted and active, with no problems', () => {
    expect(host.list()).toMatchObject([
      { id: 'chronicle.cms', state: 'active', activationEvents: ['onAudit'], problems: [] },
    ]);
  });

  it('declares in its manifest exactly the rules @chronicle/rules publishes, in order', () => {
    expect(manifest.contributes.rules.map((r) => r.id)).toEqual(cmsRules.map((r) => r.meta.id));
    expect(manifest.contributes.rules.map((r) => r.description)).toEqual(
      cmsRules.map((r) => r.meta.description),
    );
  });

  it('registers the catalogue in catalogue order, each rule naming the plugin', () => {
    expect(host.rules().map((r) => r.meta)).toEqual(cmsRules.map((r) => r.meta));
    expect(new Set(host.rules().map((r) => r.plugin))).toEqual(new Set(['chronicle.cms']));
  });

  it.each(examples)('gives the same audit as audit() on %s', (_name, dataset) => {
    expect(audit(dataset, { rules: host.rules() })).toEqual(audit(dataset));
  });

  it.each(examples)('gives the same billing proposal on %s', (_name, dataset, expected) => {
    // The month a bill example names, else the first month an audit example bills.
    const month = expected.month ?? (audit(dataset).months[0]?.month as string);
    expect(proposeBilling(dataset, month, { rules: host.rules() })).toEqual(
      proposeBilling(dataset, month),
    );
  });
});

describe('a plugin rule that throws beside the CMS plugin', () => {
  const broken = defineRule({
    meta: {
      id: 'acme/ALWAYS-THROWS',
      severity: 'error',
      years: { from: 2015 },
      sources: ['https://example.org/acme-policy'],
      description: 'Throws on every month.',
      messages: { never: 'never reported' },
      scope: 'billed-month',
      lifecycle: { addedIn: '1.0.0' },
      docs: { why: 'test', fail: 'any', pass: 'none', correctiveAction: 'none' },
    },
    check() {
      throw new TypeError("Cannot read properties of undefined (reading 'days')");
    },
  });
  const brokenSource = inProcessPlugin(
    {
      id: 'acme.broken-pack',
      version: '1.0.0',
      engines: { chronicle: '^0.1.0' },
      main: './index.js',
      contributes: {
        rules: [{ id: 'acme/ALWAYS-THROWS', severity: 'error', description: 'Throws.' }],
      },
    },
    { activate: (context) => void context.registerRule(broken) },
  );

  it('is tried on the worked examples that bill a month', () => {
    expect(billed.length).toBeGreaterThanOrEqual(4);
  });

  it.each(billed)(
    'gives each audited month a RULE-FAILED naming plugin and rule, and every CMS finding (%s)',
    async (_name, dataset) => {
      const host = createPluginHost({
        chronicleVersion: '0.1.0',
        plugins: [cmsSource(), brokenSource],
      });
      await host.activate('onAudit');
      const report = audit(dataset, { rules: host.rules() });
      const expected = audit(dataset);
      expect(report.months.map((m) => [m.patientId, m.month])).toEqual(
        expected.months.map((m) => [m.patientId, m.month]),
      );
      report.months.forEach((month, i) => {
        const failed = month.findings.filter((f) => f.ruleId === 'RULE-FAILED');
        // The rule looks at billed months; the unbilled ones never run it.
        if (month.claimIds.length > 0)
          expect(failed).toEqual([
            {
              ruleId: 'RULE-FAILED',
              severity: 'warning',
              message:
                'Rule acme/ALWAYS-THROWS of plugin acme.broken-pack could not check this month; review it by hand.',
              evidence: {
                rule: 'acme/ALWAYS-THROWS',
                plugin: 'acme.broken-pack',
                error: "Cannot read properties of undefined (reading 'days')",
              },
              sources: [],
            },
          ]);
        expect(month.findings.filter((f) => f.ruleId !== 'RULE-FAILED')).toEqual(
          expected.months[i]?.findings,
        );
      });
    },
  );
});
