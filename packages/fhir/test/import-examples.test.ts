import { chronicConditionsIn } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { fhirToDataset, formatFhirProblem } from '../src/index.js';
import { fhirFixtures, PRACTICE } from './support.js';

// The published examples the issue names import: Synthea patients (SNOMED only, payer in
// contained Coverage), the US Core examples and the CMS Blue Button responses. Each test
// checks the patients, their chronic conditions as the rules classify them, their
// coverage, and what was skipped or reported.

const chronicCodes = (patient: Parameters<typeof chronicConditionsIn>[0], month: string) =>
  chronicConditionsIn(patient, month)
    .map((c) => `${c.condition.code} ${c.classification.category ?? '-'}`)
    .sort();

describe('Synthea patients', () => {
  const [gayla, martina] = fhirFixtures('synthea-r4-smart');

  it('imports Gayla Ferry with her SNOMED chronic conditions classified by the curated list', () => {
    const { dataset } = fhirToDataset(gayla, { practice: PRACTICE });
    expect(dataset.patients).toHaveLength(1);
    const p = dataset.patients[0]!;
    expect(p.id).toBe('77155e2b-5d21-4b47-86f0-4004183d68b2');
    expect(p.mrn).toBe('259bc6c6-9c1d-43e9-bd25-7539cf07f8ac');
    expect(p.birthDate).toBe('1937-06-03');
    expect(p.mbi).toBeUndefined();
    expect(p.conditions.every((c) => c.system === 'snomed')).toBe(true);
    expect(chronicCodes(p, '2021-01')).toEqual([
      '162864005 -',
      '239872002 arthritis',
      '38341003 hypertension',
      '53741008 ischemic_heart_dis',
      '64859006 osteoporosis',
    ]);
  });

  it("reads Gayla Ferry's payer history from the contained Coverage: private, then Medicare Part B", () => {
    const { dataset } = fhirToDataset(gayla, { practice: PRACTICE });
    expect(dataset.patients[0]!.coverage).toEqual([
      { kind: 'commercial', start: '1956-01-19', end: '2011-06-29' },
      { kind: 'medicare-part-b', start: '2011-06-30' },
    ]);
  });

  it('imports Martina Murazik as dual eligible: Medicaid throughout, Part B from her first dual claim', () => {
    const { dataset } = fhirToDataset(martina, { practice: PRACTICE });
    const p = dataset.patients[0]!;
    expect(p.id).toBe('beaf0c3d-bcd4-4155-8a7b-f493bdc8f9fe');
    expect(chronicCodes(p, '2021-01')).toEqual([
      '185086009 copd',
      '230690007 stroke',
      '88805009 heart_failure',
    ]);
    // Resolved conditions carry their abatement: sinusitis of 2019 does not count in 2021.
    expect(p.conditions.filter((c) => c.abatement !== undefined).map((c) => c.code)).toEqual([
      '444814009',
      '195662009',
      '444814009',
    ]);
    expect(p.coverage).toEqual([
      { kind: 'medicaid', start: '1977-05-27' },
      { kind: 'medicare-part-b', start: '2018-08-17' },
    ]);
    expect(p.carePlans.map((c) => [c.date, c.event, c.authorId])).toEqual([
      ['1993-05-22', 'established', 'c0ee937a-ff26-4d70-8a32-e5e2ab9be7ec'],
      ['2020-06-14', 'established', 'c0ee937a-ff26-4d70-8a32-e5e2ab9be7ec'],
    ]);
  });

  it('counts what it does not use: SNOMED-coded visits and claims, observations, and the rest', () => {
    const { report } = fhirToDataset(martina, { practice: PRACTICE });
    expect(report.resources).toBe(255);
    expect(report.used).toEqual({
      CarePlan: 2,
      Condition: 7,
      ExplanationOfBenefit: 21,
      Patient: 1,
      Practitioner: 1,
    });
    expect(report.skipped).toEqual({
      Claim: { 'no CPT or HCPCS line': 25 },
      DiagnosticReport: { 'not used by Chronicle': 8 },
      Encounter: { 'a visit without a CPT or HCPCS code': 21 },
      ImagingStudy: { 'not used by Chronicle': 2 },
      Immunization: { 'not used by Chronicle': 13 },
      MedicationRequest: { 'not used by Chronicle': 4 },
      Observation: { 'not used by Chronicle': 132 },
      Organization: { 'not used by Chronicle': 1 },
      Procedure: { 'not care-management time': 17 },
    });
    expect(report.rejected).toEqual({});
    // Synthea's NPIs are short counters: reported, and the clinician kept without one.
    expect(report.problems.map(formatFhirProblem)).toEqual([
      'Practitioner/c0ee937a-ff26-4d70-8a32-e5e2ab9be7ec.identifier[0].value: not a valid NPI (10 digits with a check digit); the clinician is imported without one',
    ]);
  });
});

describe('US Core examples', () => {
  const resources = fhirFixtures('us-core-examples');

  it('imports the patient with her usual name, MRN, coverage and conditions, resolved ones abated', () => {
    const { dataset } = fhirToDataset(resources, { practice: PRACTICE });
    expect(dataset.patients).toHaveLength(1);
    const p = dataset.patients[0]!;
    expect([p.id, p.mrn, p.name.family, p.birthDate]).toEqual([
      'example',
      '1032702',
      'Baxter',
      '1987-02-20',
    ]);
    expect(p.coverage).toEqual([{ kind: 'commercial', start: '2020-01-01' }]);
    expect(p.conditions.map((c) => [c.id, c.system, c.code, c.abatement ?? null])).toEqual([
      ['condition-duodenal-ulcer-res', 'snomed', '51868009', '2016-08-17'],
      ['condition-duodenal-ulcer', 'snomed', '51868009', null],
      ['encounter-diagnosis-example1', 'icd-10-cm', 'T20.21', null],
    ]);
    // Neither a duodenal ulcer nor a burn is chronic: no chronic condition in any month.
    expect(chronicCodes(p, '2026-01')).toEqual([]);
    // The care plan's contributor is known only by reference: a clinician named by it.
    expect(dataset.clinicians).toEqual([
      {
        id: 'practitioner-1',
        name: 'Dr Ronald Bone',
        credential: 'other-clinical',
        role: 'practitioner',
      },
    ]);
    expect(p.carePlans).toEqual([
      {
        id: 'careplan-ulcer-example',
        date: '2025-09-27',
        event: 'established',
        authorId: 'practitioner-1',
        elements: ['problem-list'],
      },
    ]);
  });

  it('reports the encounters it cannot place, with id and element, and skips the rehab procedure', () => {
    const { report } = fhirToDataset(resources, { practice: PRACTICE });
    expect(report.problems.map(formatFhirProblem)).toEqual([
      'Encounter/1036.period.start: an encounter needs a start date; not imported',
      'Encounter/example-1.participant: no practitioner to attribute the encounter to; not imported',
    ]);
    expect(report.rejected).toEqual({ Encounter: 2 });
    expect(report.skipped).toEqual({ Procedure: { 'not care-management time': 1 } });
  });
});

describe('CMS Blue Button examples', () => {
  const resources = fhirFixtures('cms-bfd-examples', [
    'patientRead.json',
    'coverageSearchByPatientId.json',
    'eobReadCarrier.json',
  ]);

  it('reads Part B from the Coverage class, skips Parts A and D, and reports Part C without a start', () => {
    const { dataset, report } = fhirToDataset(resources, { practice: PRACTICE });
    const p = dataset.patients[0]!;
    expect(p.id).toBe('567834');
    expect(p.coverage).toEqual([
      { kind: 'medicare-part-b', start: '2021-07-17', end: '2022-08-17' },
    ]);
    expect(report.skipped.Coverage).toEqual({
      'cancelled, draft or entered in error': 1,
      'Medicare Part A or D (CCM is billed to Part B)': 1,
    });
    expect(report.problems.map(formatFhirProblem)).toContain(
      'Coverage/part-c-567834.period.start: coverage needs a start date; not imported',
    );
  });

  it('reports the malformed current MBI by its identifier and imports the patient without it', () => {
    const { dataset, report } = fhirToDataset(resources, { practice: PRACTICE });
    expect(dataset.patients[0]!.mbi).toBeUndefined();
    expect(dataset.patients[0]!.deathDate).toBe('1981-03-17');
    expect(report.problems.map(formatFhirProblem)).toContain(
      'Patient/567834.identifier[1].value: not a Medicare Beneficiary Identifier (11 characters, CMS format); the patient is imported without one',
    );
  });

  it('imports the carrier claim line (HCPCS, units, ICD-10 pointer) despite its malformed created date', () => {
    const { dataset, report } = fhirToDataset(resources, { practice: PRACTICE });
    expect(dataset.patients[0]!.claims).toEqual([
      {
        id: 'carrier-9991831999',
        dateOfService: '1999-10-27',
        billingPractitionerId: 'npi-1923124',
        placeOfService: '11',
        status: 'paid',
        lines: [{ code: '92999', units: 1, diagnoses: ['A52'] }],
      },
    ]);
    expect(report.used.ExplanationOfBenefit).toBe(1);
    expect(report.problems.map(formatFhirProblem)).toContain(
      'ExplanationOfBenefit/carrier-9991831999.created: must be a FHIR dateTime (a date, or a date and time with its offset); ignored',
    );
  });

  it('takes a valid current MBI, ignoring historic ones', () => {
    const patient = structuredClone(resources[0]) as { identifier: Array<{ value: string }> };
    patient.identifier[1]!.value = '1EG4-TE5-MK73';
    const { dataset } = fhirToDataset([patient], { practice: PRACTICE });
    expect(dataset.patients[0]!.mbi).toBe('1EG4TE5MK73');
  });
});
