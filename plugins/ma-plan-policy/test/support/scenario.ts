import type { Dataset, Patient } from '@chronicle/dataset';

// A clean month of the plan's member to start each case from: a practice in Chicago, a
// physician who initiated CCM in July 2026 with a visit, consent and a care plan, two
// chronic conditions, Medicare Advantage coverage, a care-plan review on 2026-09-15, 25
// minutes of nurse time in October and a 99490 claim dated 2026-10-31 carrying I10 and
// E11.9. Cases change one fact.

export const MONTH = '2026-10';
export const DATE_OF_SERVICE = '2026-10-31';

export function scenario(): Dataset {
  const patient: Patient = {
    id: 'p-1',
    mrn: 'MRN-1',
    name: { given: 'Test', family: 'Member' },
    birthDate: '1950-01-01',
    coverage: [{ kind: 'medicare-advantage', start: '2020-01-01' }],
    conditions: [
      { id: 'dx-1', system: 'icd-10-cm', code: 'I10', onset: '2010-01-01' },
      { id: 'dx-2', system: 'icd-10-cm', code: 'E11.9', onset: '2010-01-01' },
    ],
    encounters: [
      {
        id: 'enc-1',
        date: '2026-07-05',
        code: '99214',
        clinicianId: 'c-md',
        kind: 'visit',
        ccmDiscussed: true,
      },
    ],
    consents: [
      {
        id: 'cons-1',
        program: 'ccm',
        date: '2026-07-05',
        method: 'written',
        practitionerId: 'c-md',
        obtainedById: 'c-rn',
        decision: 'accepted',
        informed: {
          availability: true,
          costSharing: true,
          onePractitionerPerMonth: true,
          rightToStop: true,
        },
      },
    ],
    carePlans: [
      {
        id: 'cp-1',
        date: '2026-07-10',
        event: 'established',
        authorId: 'c-md',
        elements: ['problem-list', 'expected-outcomes', 'measurable-goals'],
        sharedWithPatient: { date: '2026-07-10', method: 'portal' },
      },
      {
        id: 'cp-2',
        date: '2026-09-15',
        event: 'reviewed',
        authorId: 'c-rn',
        elements: ['problem-list', 'expected-outcomes', 'measurable-goals'],
      },
    ],
    timeEntries: [
      {
        id: 't-1',
        clinicianId: 'c-rn',
        start: '2026-10-02T15:00:00Z',
        minutes: 25,
        service: 'ccm',
        activity: 'Care coordination call',
      },
    ],
    claims: [
      {
        id: 'cl-1',
        dateOfService: DATE_OF_SERVICE,
        billingPractitionerId: 'c-md',
        status: 'submitted',
        lines: [{ code: '99490', units: 1, diagnoses: ['I10', 'E11.9'] }],
      },
    ],
  };
  return {
    format: 'ccm-dataset',
    version: 1,
    practice: { id: 'pr-1', name: 'Test Practice', timezone: 'America/Chicago', setting: 'office' },
    clinicians: [
      { id: 'c-md', name: 'Dr. One', npi: '1234567893', credential: 'MD', role: 'practitioner' },
      { id: 'c-rn', name: 'RN Two', credential: 'RN', role: 'clinical-staff' },
    ],
    patients: [patient],
  };
}

/** The scenario's only patient. */
export function patientOf(dataset: Dataset): Patient {
  return dataset.patients[0] as Patient;
}

/** The scenario changed by `change`, which edits its patient (and dataset) in place. */
export function withChange(change: (p: Patient, d: Dataset) => void): Dataset {
  const d = scenario();
  change(patientOf(d), d);
  return d;
}
