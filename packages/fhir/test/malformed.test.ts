import { describe, expect, it } from 'vitest';
import { fhirToDataset, formatFhirProblem, ndjsonToDataset } from '../src/index.js';
import { fhirFixtures, PRACTICE } from './support.js';

// Issue 7: resources it does not use are skipped, never an error; malformed resources are
// reported with their id and the path of the element, and the rest imports. Problems
// never quote the values (they are patient data).

const [gayla] = fhirFixtures('synthea-r4-smart') as Array<{
  entry: Array<{ resource: Record<string, unknown> }>;
}>;

describe('malformed input', () => {
  it('reports a condition whose code has a numeric system by id and path, and imports the rest', () => {
    const bundle = structuredClone(gayla!);
    const condition = bundle.entry.find(
      (e) => e.resource.id === '2bad5466-d3a3-4350-bd01-7d4a65fdce62',
    )!.resource;
    (condition.code as { coding: Array<{ system: unknown }> }).coding[0]!.system = 42;
    const { dataset, report } = fhirToDataset(bundle, { practice: PRACTICE });
    expect(report.problems.map(formatFhirProblem)).toContain(
      'Condition/2bad5466-d3a3-4350-bd01-7d4a65fdce62.code.coding[0].system: must be string; ignored',
    );
    expect(report.rejected).toEqual({ Condition: 1 });
    expect(report.used.Condition).toBe(5);
    const codes = dataset.patients[0]!.conditions.map((c) => c.code);
    expect(codes).not.toContain('64859006');
    expect(codes).toContain('38341003');
  });

  it('rejects a patient without a birth date and skips the records that hang on it', () => {
    const bundle = structuredClone(gayla!);
    delete bundle.entry[0]!.resource.birthDate;
    const { dataset, report } = fhirToDataset(bundle, { practice: PRACTICE });
    expect(dataset.patients).toEqual([]);
    expect(report.problems.map(formatFhirProblem)).toContain(
      'Patient/77155e2b-5d21-4b47-86f0-4004183d68b2.birthDate: a patient needs a birth date',
    );
    expect(report.skipped.Condition).toEqual({ 'its patient was not imported': 6 });
  });

  it('reports a record whose patient is neither in the input nor stored', () => {
    const orphan = {
      resourceType: 'Condition',
      id: 'orphan',
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10' }] },
      subject: { reference: 'Patient/nobody' },
    };
    const { report } = fhirToDataset([orphan], { practice: PRACTICE });
    expect(report.problems.map(formatFhirProblem)).toEqual([
      'Condition/orphan.subject: refers to Patient/nobody, which is neither in the input nor stored in the practice',
    ]);
  });

  it('reads bulk-data NDJSON and reports a line that is not JSON by file and line, without quoting it', () => {
    const lines = (type: string) =>
      gayla!.entry
        .map((e) => e.resource)
        .filter((r) => r.resourceType === type)
        .map((r) => JSON.stringify(r))
        .join('\n');
    const { dataset, report } = ndjsonToDataset(
      [
        { name: 'Patient.ndjson', text: `${lines('Patient')}\n` },
        {
          name: 'Condition.ndjson',
          text: `${lines('Condition')}\n{"resourceType": "Condition", Ferry\n`,
        },
      ],
      { practice: PRACTICE },
    );
    expect(dataset.patients[0]!.conditions).toHaveLength(6);
    expect(report.problems.map(formatFhirProblem)).toEqual([
      'Condition.ndjson line 7: not valid JSON',
    ]);
  });

  it('counts resource types it has no use for as skipped, not as problems', () => {
    const { report } = fhirToDataset(
      [
        { resourceType: 'Observation', id: 'o1' },
        { resourceType: 'Organization', id: 'org' },
      ],
      { practice: PRACTICE },
    );
    expect(report.skipped).toEqual({
      Observation: { 'not used by Chronicle': 1 },
      Organization: { 'not used by Chronicle': 1 },
    });
    expect(report.problems).toEqual([]);
  });
});
