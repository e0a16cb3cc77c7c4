import { parseDataset, type Dataset } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { fhirToDataset } from '../src/index.js';
import { exampleDatasets, fhirFixtures, PRACTICE } from './support.js';

// Import into a stored practice: the input is merged into the practice's dataset, so a
// second import of the same input gives the same dataset (the database then changes
// nothing), and what Chronicle holds that the input does not is kept.

const everything = [
  ...fhirFixtures('synthea-r4-smart'),
  ...fhirFixtures('us-core-examples'),
  ...fhirFixtures('cms-bfd-examples', [
    'patientRead.json',
    'coverageSearchByPatientId.json',
    'eobReadCarrier.json',
  ]),
];

describe('merging into a stored practice', () => {
  it('gives the same dataset when the same input is imported again', () => {
    const first = fhirToDataset(everything, { practice: PRACTICE });
    const second = fhirToDataset(everything, { existing: first.dataset });
    expect(second.dataset).toEqual(first.dataset);
    expect(first.dataset.patients.map((p) => p.id)).toEqual([
      '77155e2b-5d21-4b47-86f0-4004183d68b2',
      'beaf0c3d-bcd4-4155-8a7b-f493bdc8f9fe',
      'example',
      '567834',
    ]);
  });

  it('keeps stored patients, clinicians and the time logged in Chronicle that the input lacks', () => {
    const parsed = parseDataset(exampleDatasets()[0]![1]);
    if (!parsed.ok) throw new Error('example 01 does not parse');
    const stored: Dataset = { ...parsed.value, practice: PRACTICE };
    const first = fhirToDataset(fhirFixtures('synthea-r4-smart').slice(0, 1), { existing: stored });
    expect(first.dataset.patients.map((p) => p.id)).toEqual([
      'p-1',
      '77155e2b-5d21-4b47-86f0-4004183d68b2',
    ]);
    expect(first.dataset.clinicians.slice(0, stored.clinicians.length)).toEqual(stored.clinicians);

    // Time logged in Chronicle on the imported patient survives a re-import of the Bundle.
    const logged = structuredClone(first.dataset);
    logged.patients[1]!.timeEntries.push({
      id: 't-chronicle',
      clinicianId: stored.clinicians[0]!.id,
      start: '2026-03-02T10:00:00-05:00',
      minutes: 20,
      service: 'ccm',
      activity: 'Care coordination call',
    });
    const again = fhirToDataset(fhirFixtures('synthea-r4-smart').slice(0, 1), { existing: logged });
    expect(again.dataset).toEqual(logged);
  });

  it('attaches records to a stored patient the input names but does not hold', () => {
    const first = fhirToDataset(everything, { practice: PRACTICE });
    const condition = {
      resourceType: 'Condition',
      id: 'new-dx',
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }] },
      subject: { reference: 'Patient/example' },
      onsetDateTime: '2026-01-02',
    };
    const next = fhirToDataset([condition], { existing: first.dataset });
    const patient = next.dataset.patients.find((p) => p.id === 'example')!;
    expect(patient.conditions.at(-1)).toEqual({
      id: 'new-dx',
      system: 'icd-10-cm',
      code: 'E11.9',
      onset: '2026-01-02',
    });
    expect(patient.conditions).toHaveLength(4);
  });
});
