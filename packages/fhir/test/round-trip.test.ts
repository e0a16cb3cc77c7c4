import { parseDataset, type Dataset } from '@chronicle/dataset';
import { audit } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { describe, expect, it } from 'vitest';
import { datasetToFhir, fhirToDataset } from '../src/index.js';
import { exampleDatasets } from './support.js';

// Issue 7 acceptance: a dataset exported to FHIR and imported back gives the same audit.
// The export is lossless by design, so the datasets are compared too; the Bundle goes
// through JSON as a file would.

function valid(input: unknown): Dataset {
  const parsed = parseDataset(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.value;
}

function roundTrip(dataset: Dataset) {
  const bundle = JSON.parse(JSON.stringify(datasetToFhir(dataset))) as unknown;
  return fhirToDataset(bundle, { practice: dataset.practice });
}

const cases: Array<[string, Dataset]> = [
  ...exampleDatasets().map(([name, d]): [string, Dataset] => [name, valid(d)]),
  ['synthetic seed 1, 8 patients', generateDataset({ seed: 1, patients: 8, year: 2026 })],
];

describe.each(cases)('FHIR round trip of %s', (_name, dataset) => {
  it('gives the same audit report after export to FHIR and import back', () => {
    const back = roundTrip(dataset);
    expect(audit(back.dataset)).toEqual(audit(dataset));
  });

  it('gives back the same dataset, with nothing skipped or reported', () => {
    const back = roundTrip(dataset);
    expect(back.dataset).toEqual(dataset);
    expect(back.report.skipped).toEqual({});
    expect(back.report.rejected).toEqual({});
    expect(back.report.problems).toEqual([]);
  });
});

describe('datasetToFhir', () => {
  const [, example] = cases[2]!;

  it('writes care plans, consents and care-management time in standard elements another system reads', () => {
    const bundle = datasetToFhir(example);
    const byType = (t: string) =>
      (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === t);
    const consent = byType('Consent')[0] as {
      status: string;
      provision: { type: string; actor: unknown[] };
      dateTime: string;
    };
    expect([consent.status, consent.provision.type, consent.dateTime]).toEqual([
      'active',
      'permit',
      '2026-01-15',
    ]);
    const plan = byType('CarePlan')[0] as {
      intent: string;
      created: string;
      author: { reference: string };
    };
    expect([plan.intent, plan.created, plan.author.reference]).toEqual([
      'plan',
      '2026-01-20',
      'Practitioner/c-md',
    ]);
    const time = byType('Procedure')[0] as {
      performedPeriod: { start: string; end: string };
      performer: Array<{ actor: { reference: string } }>;
    };
    // 30 minutes from 09:00 Chicago time, written with the start's offset.
    expect(time.performedPeriod).toEqual({
      start: '2026-10-05T09:00:00-05:00',
      end: '2026-10-05T09:30:00-05:00',
    });
    expect(time.performer[0]!.actor.reference).toBe('Practitioner/c-rn');
  });

  it('gives records of different patients with the same dataset id distinct FHIR ids', () => {
    const bundle = datasetToFhir(cases.at(-1)![1]);
    const ids = (bundle.entry ?? [])
      .map((e) => e.resource)
      .filter((r) => r?.resourceType === 'Condition')
      .map((r) => r?.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[A-Za-z0-9\-.]{1,64}$/.test(id ?? ''))).toBe(true);
  });
});
