import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPluginHost, inProcessPlugin } from '@chronicle/plugin-api/host';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import manifest from '../chronicle-plugin.json' with { type: 'json' };
import * as plugin from '../src/index.js';

// The pack as the plugin host sees it: its manifest is accepted, activate registers
// exactly what the manifest declares (and deactivation undoes it), the manifest agrees
// with the code it describes, the config's policy values are used or refused with the
// option named, and README.md documents every rule beside its source and test files.

const root = join(import.meta.dirname, '..');
const rules = [plugin.careplanReviewOverdueMeta, plugin.claimDxFewerThanTwoMeta];

function hostWith(policy?: Record<string, unknown>) {
  return createPluginHost({
    chronicleVersion: '0.1.0',
    plugins: [
      inProcessPlugin(
        manifest,
        plugin,
        policy ? { policies: { [plugin.POLICY_ID]: policy as never } } : {},
      ),
    ],
  });
}

describe('the ma-plan-policy plugin', () => {
  it('is activated on audits and registers its rules, policy, report section and panel', async () => {
    const host = hostWith();
    await host.activate('onAudit');
    const [info] = host.list();
    expect(info).toMatchObject({
      id: 'chronicle.ma-plan-policy',
      state: 'active',
      problems: [],
      activationEvents: ['onAudit', 'onReport', 'onStartup'],
    });
    expect(host.rules().map((r) => [r.meta.id, r.plugin])).toEqual([
      ['ma-plan/CAREPLAN-REVIEW-OVERDUE', 'chronicle.ma-plan-policy'],
      ['ma-plan/CLAIM-DX-FEWER-THAN-TWO', 'chronicle.ma-plan-policy'],
    ]);
    expect(host.policies()).toEqual([
      {
        plugin: 'chronicle.ma-plan-policy',
        id: 'ma-plan.policy',
        values: { reviewIntervalDays: 90, coverageKinds: ['medicare-advantage'] },
      },
    ]);
    expect(host.consolePanels('patient')).toEqual([
      {
        plugin: 'chronicle.ma-plan-policy',
        id: 'ma-plan.care-plan-review',
        title: 'Care-plan review (MA plan)',
        location: 'patient',
      },
    ]);
    await host.deactivateAll();
    expect(host.rules()).toEqual([]);
    expect(host.policies()).toEqual([]);
    expect(host.consolePanels('patient')).toEqual([]);
  });

  it('uses the interval the config file sets', async () => {
    const host = hostWith({ reviewIntervalDays: 60 });
    await host.activate('onAudit');
    expect(host.policies()[0]?.values).toMatchObject({ reviewIntervalDays: 60 });
    expect(host.list()[0]?.problems).toEqual([]);
  });

  it('fails, naming the option, when the config sets an interval out of range', async () => {
    const host = hostWith({ reviewIntervalDays: 0 });
    await host.activate('onAudit');
    expect(host.list()[0]).toMatchObject({
      state: 'failed',
      problems: [
        {
          plugin: 'chronicle.ma-plan-policy',
          point: 'activate',
          severity: 'error',
          message:
            'activate threw: policy ma-plan.policy: reviewIntervalDays: must be at least 1 day',
        },
      ],
    });
    expect(host.rules()).toEqual([]);
  });
});

describe('the manifest', () => {
  it("declares each rule with its meta's id, severity and description", () => {
    expect(manifest.contributes.rules).toEqual(
      rules.map((meta) => ({
        id: meta.id,
        severity: meta.severity,
        description: meta.description,
      })),
    );
  });

  it("gives the policy options' JSON Schema generated from the schema activate checks them with", () => {
    // Every option optional: the config file sets only those it changes.
    expect(manifest.contributes.policies[0]?.schema).toEqual(
      z.toJSONSchema(plugin.planPolicySchema.partial()),
    );
  });

  it('cites the plan policy, a placeholder on example.org, the README calls fictional', () => {
    for (const meta of rules)
      expect(meta.sources).toEqual([
        'https://example.org/riverbend-advantage/care-management-policy',
      ]);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(
      '**Riverbend Advantage is a fictional Medicare Advantage plan.**',
    );
  });
});

describe('README.md', () => {
  // As read: quote markers and line breaks left out.
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
    .replace(/\n> ?/g, '\n')
    .replace(/\s+/g, ' ');

  it.each(rules.map((meta) => [meta.id, meta] as const))(
    'documents %s: its description, corrective action, blind spots, source and test files',
    (id, meta) => {
      const name = id.replace(/^ma-plan\//, '').toLowerCase();
      expect(readme).toContain(`### ${id}`);
      expect(readme).toContain(meta.description);
      expect(readme).toContain(meta.docs.correctiveAction);
      expect(readme).toContain(meta.docs.blindSpots);
      // Rule, doc and test share one name.
      expect(readme).toContain(`(src/${name}.ts)`);
      expect(readme).toContain(`(test/${name}.test.ts)`);
      expect(existsSync(join(root, 'src', `${name}.ts`))).toBe(true);
      expect(existsSync(join(root, 'test', `${name}.test.ts`))).toBe(true);
    },
  );
});
