import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseDataset, parseDatasetJson } from '@chronicle/dataset';

const examplesDir = join(import.meta.dirname, '../../../fixtures/examples');

function example(name: string): unknown {
  return JSON.parse(readFileSync(join(examplesDir, name), 'utf8')).dataset;
}

describe('parseDataset', () => {
  it.each(readdirSync(examplesDir).filter((f) => f.endsWith('.json')))(
    'accepts the worked example %s',
    (name) => {
      const result = parseDataset(example(name));
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    },
  );

  it('lists every problem with its path, dangling references included, and accepts nothing', () => {
    const doc = structuredClone(example('01-clean-99490.json')) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fixture mutated into invalid shapes
    const patient = doc.patients[0];
    patient.timeEntries[0].clinicianId = 'ghost';
    patient.timeEntries[1].end = '2026-10-14T13:00:00-05:00';
    patient.claims[0].billingPractitionerId = 'nobody';
    patient.birthDate = '1948-02-30';
    patient.colour = 'blue';
    const result = parseDataset(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([
      'patients[0]: unknown key "colour"',
      'patients[0].birthDate: must be a calendar date YYYY-MM-DD',
      'patients[0].timeEntries[0].clinicianId: refers to clinician "ghost", which is not in clinicians',
      'patients[0].timeEntries[1]: needs exactly one of "end" and "minutes"; it has both',
      'patients[0].claims[0].billingPractitionerId: refers to clinician "nobody", which is not in clinicians',
    ]);
  });

  it('rejects an end before the start, duplicate ids, a bad NPI, MBI, zone and instant', () => {
    const doc = structuredClone(example('06-timezone-boundary.json')) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fixture mutated into invalid shapes
    doc.practice.timezone = 'America/Atlantis';
    doc.clinicians[0].npi = '1234567890';
    doc.patients[0].mbi = 'SSSSSSSSSSS';
    doc.patients[0].timeEntries[0].start = '2026-10-10 11:00';
    const first = parseDataset(doc);
    expect(first.ok ? [] : first.problems.map((p) => p.path)).toEqual([
      'practice.timezone',
      'clinicians[0].npi',
      'patients[0].mbi',
      'patients[0].timeEntries[0].start',
    ]);
    const ok = structuredClone(example('06-timezone-boundary.json')) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fixture mutated into invalid shapes
    ok.patients[0].timeEntries[1].end = '2026-10-31T23:00:00-04:00';
    ok.clinicians[2].id = 'c-md';
    const second = parseDataset(ok);
    expect(second.ok ? [] : second.problems.map(formatProblem)).toEqual([
      'clinicians[2].id: duplicate id "c-md"',
      'patients[0].timeEntries[1].end: must be after start',
    ]);
  });

  it('refuses an unknown version by name and reports broken JSON as a problem', () => {
    const result = parseDataset({ format: 'ccm-dataset', version: 2 });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'version: version 2 is not supported by this reader (it reads 1)',
    ]);
    const broken = parseDatasetJson('{"format": ');
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.problems[0]?.message).toMatch(/^not valid JSON/);
  });
});

describe('parseDatasetJson', () => {
  it('reports a syntax error without quoting the text around it (it may be PHI)', () => {
    const result = parseDatasetJson('{"patients":[{"birthDate":x1950-01-01"}]}');
    const message = result.ok ? '' : (result.problems[0]?.message ?? '');
    expect(message).toMatch(/^not valid JSON/);
    expect(message).not.toContain('1950');
  });
});
