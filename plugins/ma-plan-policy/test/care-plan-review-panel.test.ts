import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPluginHost, inProcessPlugin } from '@chronicle/plugin-api/host';
import { describe, expect, it } from 'vitest';
import manifest from '../chronicle-plugin.json' with { type: 'json' };
import * as plugin from '../src/index.js';
import { DEFAULT_PLAN_POLICY } from '../src/plan-policy.js';
import { patientOf, scenario, withChange } from './support/scenario.js';

// The patient panel's data: the last care-plan event, the days since it, the next review
// due and whether it is overdue, as of a date; through the host, as of today in the
// practice's time zone.

describe('reviewStatus', () => {
  it('gives the example README.md shows, for the scenario patient on 2026-11-02', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const example = /## Console panel[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(plugin.reviewStatus(patientOf(scenario()), '2026-11-02', DEFAULT_PLAN_POLICY)).toEqual(
      JSON.parse(example ?? 'null'),
    );
  });

  it('is overdue the day after the interval runs out, and not on its last day', () => {
    const patient = patientOf(scenario());
    expect(plugin.reviewStatus(patient, '2026-12-14', DEFAULT_PLAN_POLICY)).toMatchObject({
      'Days since last review': 90,
      Overdue: false,
    });
    expect(plugin.reviewStatus(patient, '2026-12-15', DEFAULT_PLAN_POLICY)).toMatchObject({
      'Days since last review': 91,
      Overdue: true,
    });
  });

  it('ignores an event dated after the day asked about, and says when there is none', () => {
    const patient = patientOf(scenario());
    expect(plugin.reviewStatus(patient, '2026-08-01', DEFAULT_PLAN_POLICY)).toMatchObject({
      'Care-plan event': 'cp-1',
      'Last review was': 'established',
      'Next review due by': '2026-10-08',
    });
    expect(plugin.reviewStatus(patient, '2026-07-01', DEFAULT_PLAN_POLICY)).toEqual({
      'As of': '2026-07-01',
      'Plan member': true,
      'Review interval (days)': 90,
      'Last review': null,
      'Last review was': null,
      'Care-plan event': null,
      'Days since last review': null,
      'Next review due by': null,
      Overdue: true,
    });
  });

  it('says whether the patient is the plan’s member on the day', () => {
    const partB = patientOf(
      withChange((p) => {
        p.coverage = [{ kind: 'medicare-part-b', start: '2020-01-01' }];
      }),
    );
    expect(plugin.reviewStatus(partB, '2026-11-02', DEFAULT_PLAN_POLICY)['Plan member']).toBe(
      false,
    );
  });
});

describe('the panel through the host', () => {
  it('computes JSON for a patient as of today in the practice time zone', async () => {
    const host = createPluginHost({
      chronicleVersion: '0.1.0',
      plugins: [inProcessPlugin(manifest, plugin)],
    });
    await host.activate('onStartup');
    const dataset = scenario();
    const result = await host.consolePanelData('chronicle.ma-plan-policy', plugin.PANEL_ID, {
      location: 'patient',
      practice: dataset.practice,
      patient: patientOf(dataset),
    });
    if (!result.ok) throw new Error(result.error);
    const data = result.data as plugin.ReviewStatus;
    // The figures follow from the date the panel reports, whatever today is.
    expect(data).toEqual(
      plugin.reviewStatus(patientOf(dataset), data['As of'], DEFAULT_PLAN_POLICY),
    );
    expect(data['As of']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
