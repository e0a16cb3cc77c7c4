import { describe, expect, it } from 'vitest';
import { fhirToDataset, formatFhirProblem } from '../src/index.js';
import { PRACTICE } from './support.js';

// The documented conventions of docs/admin/fhir.md, on resources as another system would
// write them (no Chronicle extensions): visits and stays, care-management consent,
// CarePlan, Procedure minutes, Claim lines and the ExplanationOfBenefit that settles them.

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  birthDate: '1950-04-02',
  name: [{ family: 'Test', given: ['Pat'] }],
};
const doctor = {
  resourceType: 'Practitioner',
  id: 'dr',
  identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
  name: [{ family: 'Ortiz', given: ['Ana'], prefix: ['Dr.'] }],
  qualification: [
    { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'MD' }] } },
  ],
};
const nurse = {
  resourceType: 'Practitioner',
  id: 'rn',
  name: [{ text: 'Sam Lee' }],
  qualification: [
    { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'RN' }] } },
  ],
};
const subject = { reference: 'Patient/p1' };
const actor = (role: string, who: string) => ({
  role: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: role }],
  },
  reference: { reference: `Practitioner/${who}` },
});
const resources = [
  patient,
  doctor,
  nurse,
  {
    resourceType: 'Encounter',
    id: 'visit',
    status: 'finished',
    class: { code: 'AMB' },
    type: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99214' }] }],
    subject,
    participant: [{ individual: { reference: 'Practitioner/dr' } }],
    period: { start: '2026-01-15T10:00:00-05:00', end: '2026-01-15T10:30:00-05:00' },
  },
  {
    resourceType: 'Encounter',
    id: 'snf',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'NONAC' },
    type: [{ text: 'Skilled nursing facility stay' }],
    subject,
    participant: [{ individual: { reference: 'Practitioner/dr' } }],
    period: { start: '2026-03-01', end: '2026-03-12' },
  },
  {
    resourceType: 'Consent',
    id: 'consent',
    status: 'active',
    scope: { coding: [{ code: 'treatment' }] },
    category: [{ text: 'Chronic care management consent' }],
    patient: subject,
    dateTime: '2026-01-15',
    sourceAttachment: { title: 'signed form' },
    provision: { type: 'permit', actor: [actor('PPRF', 'dr'), actor('AUT', 'rn')] },
  },
  {
    resourceType: 'Consent',
    id: 'privacy',
    status: 'active',
    scope: { coding: [{ code: 'patient-privacy' }] },
    category: [{ text: 'Release of information' }],
    patient: subject,
    dateTime: '2026-01-15',
  },
  {
    resourceType: 'CarePlan',
    id: 'plan',
    status: 'active',
    intent: 'plan',
    subject,
    created: '2026-01-20T09:00:00-05:00',
    author: { reference: 'Practitioner/dr' },
    addresses: [{ reference: 'Condition/x' }],
    goal: [{ reference: 'Goal/g' }],
  },
  {
    resourceType: 'Procedure',
    id: 'minutes',
    status: 'completed',
    code: {
      coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99490' }],
      text: 'Medication review call',
    },
    subject,
    performedPeriod: { start: '2026-02-03T09:00:00-05:00', end: '2026-02-03T09:25:00-05:00' },
    performer: [{ actor: { reference: 'Practitioner/rn' } }],
  },
  {
    resourceType: 'Claim',
    id: 'claim',
    status: 'active',
    patient: subject,
    created: '2026-02-28',
    provider: { reference: 'Practitioner/dr' },
    diagnosis: [
      {
        sequence: 1,
        diagnosisCodeableConcept: {
          coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10' }],
        },
      },
      {
        sequence: 2,
        diagnosisCodeableConcept: {
          coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }],
        },
      },
    ],
    item: [
      {
        sequence: 1,
        productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99490' }] },
        servicedDate: '2026-02-28',
        diagnosisSequence: [1, 2],
      },
      {
        sequence: 2,
        productOrService: { coding: [{ system: 'http://snomed.info/sct', code: '185347001' }] },
        servicedDate: '2026-02-28',
      },
    ],
  },
  {
    resourceType: 'ExplanationOfBenefit',
    id: 'eob',
    status: 'active',
    outcome: 'complete',
    patient: subject,
    claim: { reference: 'Claim/claim' },
  },
];

describe('the FHIR import conventions', () => {
  const { dataset, report } = fhirToDataset(
    {
      resourceType: 'Bundle',
      type: 'collection',
      entry: resources.map((resource) => ({ resource })),
    },
    { practice: PRACTICE },
  );
  const p = dataset.patients[0]!;

  it('reads clinicians from qualifications: MD a practitioner, RN clinical staff', () => {
    expect(dataset.clinicians).toEqual([
      {
        id: 'dr',
        name: 'Dr. Ana Ortiz',
        npi: '1234567893',
        credential: 'MD',
        role: 'practitioner',
      },
      { id: 'rn', name: 'Sam Lee', credential: 'RN', role: 'clinical-staff' },
    ]);
  });

  it('makes a CPT-coded ambulatory encounter a visit and a NONAC skilled-nursing encounter an SNF stay', () => {
    expect(p.encounters).toEqual([
      { id: 'visit', date: '2026-01-15', code: '99214', clinicianId: 'dr', kind: 'visit' },
      {
        id: 'snf',
        date: '2026-03-01',
        endDate: '2026-03-12',
        code: 'NONAC',
        clinicianId: 'dr',
        kind: 'snf-part-a-stay',
      },
    ]);
  });

  it('reads a care-management consent (written, by whom) and skips a privacy consent', () => {
    expect(p.consents).toEqual([
      {
        id: 'consent',
        program: 'ccm',
        date: '2026-01-15',
        method: 'written',
        practitionerId: 'dr',
        obtainedById: 'rn',
        decision: 'accepted',
        informed: {
          availability: false,
          costSharing: false,
          onePractitionerPerMonth: false,
          rightToStop: false,
        },
      },
    ]);
    expect(report.skipped.Consent).toEqual({ 'not a care-management consent': 1 });
  });

  it('reads a CarePlan as an established event with the elements it holds', () => {
    expect(p.carePlans).toEqual([
      {
        id: 'plan',
        date: '2026-01-20',
        event: 'established',
        authorId: 'dr',
        elements: ['problem-list', 'measurable-goals'],
      },
    ]);
  });

  it('reads a Procedure coded 99490 with a performed period as 25 minutes of CCM time by its performer', () => {
    expect(p.timeEntries).toEqual([
      {
        id: 'minutes',
        clinicianId: 'rn',
        start: '2026-02-03T09:00:00-05:00',
        end: '2026-02-03T09:25:00-05:00',
        service: 'ccm',
        activity: 'Medication review call',
      },
    ]);
  });

  it('keeps the CPT line of a claim with its diagnoses, and takes its status from the ExplanationOfBenefit', () => {
    expect(p.claims).toEqual([
      {
        id: 'claim',
        dateOfService: '2026-02-28',
        billingPractitionerId: 'dr',
        status: 'paid',
        lines: [{ code: '99490', units: 1, diagnoses: ['I10', 'E11.9'] }],
      },
    ]);
    expect(report.used.ExplanationOfBenefit).toBe(1);
    expect(report.problems).toEqual([]);
  });

  it('dates an instant by the practice time zone: 01:30 UTC is the evening before in New York', () => {
    const late = { ...resources[3]!, id: 'late', period: { start: '2026-01-16T01:30:00Z' } };
    const { dataset: d } = fhirToDataset([patient, doctor, late], { practice: PRACTICE });
    expect(d.patients[0]!.encounters[0]!.date).toBe('2026-01-15');
    expect(formatFhirProblem({ resourceType: 'X', location: 'X/1.a', message: 'm' })).toBe(
      'X/1.a: m',
    );
  });
});
