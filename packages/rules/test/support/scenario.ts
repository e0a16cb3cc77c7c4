import type { Claim, Dataset, Patient, TimeEntry } from '@chronicle/dataset';
import { addMonths, lastDay } from '../../src/time/calendar.js';

// A clean, billable patient-month to start each rule case from: a practice in Chicago,
// a physician who initiated CCM three months earlier with a visit, consent and a shared
// care plan, two chronic conditions, Part B, and the month's minutes and claim as asked.
// Cases then change one fact. Times are written in UTC at 15:00 (09:00 or 10:00 in
// Chicago), so the local date is the written date.

export interface ScenarioOptions {
  month?: string;
  /** Minutes logged by the RN, one entry each, on the 2nd, 4th, 6th ... of the month. */
  staff?: number[];
  /** Minutes logged by the billing physician himself, on the 3rd, 5th ... */
  practitioner?: number[];
  /** Claim lines as [code, units]; none means no claim. */
  lines?: Array<[string, number]>;
  dateOfService?: string;
}

export const MONTH = '2026-10';

export function scenario(options: ScenarioOptions = {}): Dataset {
  const month = options.month ?? MONTH;
  const start = addMonths(month, -3);
  const entries: TimeEntry[] = [];
  (options.staff ?? [25]).forEach((minutes, i) =>
    entries.push(entry(`t-s${i + 1}`, 'c-rn', month, 2 + 2 * i, minutes)),
  );
  (options.practitioner ?? []).forEach((minutes, i) =>
    entries.push(entry(`t-p${i + 1}`, 'c-md', month, 3 + 2 * i, minutes)),
  );
  const lines = options.lines ?? [['99490', 1]];
  const claims: Claim[] =
    lines.length === 0
      ? []
      : [
          {
            id: 'cl-1',
            dateOfService: options.dateOfService ?? lastDay(month),
            billingPractitionerId: 'c-md',
            status: 'submitted',
            lines: lines.map(([code, units]) => ({ code, units })),
          },
        ];
  const patient: Patient = {
    id: 'p-1',
    mrn: 'MRN-1',
    name: { given: 'Test', family: 'Patient' },
    birthDate: '1950-01-01',
    coverage: [{ kind: 'medicare-part-b', start: '2010-01-01' }],
    conditions: [
      { id: 'dx-1', system: 'icd-10-cm', code: 'I10', onset: '2010-01-01', chronic: true },
      { id: 'dx-2', system: 'icd-10-cm', code: 'E11.9', onset: '2010-01-01', chronic: true },
    ],
    encounters: [
      {
        id: 'enc-1',
        date: `${start}-05`,
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
        date: `${start}-05`,
        method: 'written',
        practitionerId: 'c-md',
        obtainedById: 'c-rn',
        decision: 'accepted',
        informed: {
          availability: true,
          costSharing: true,
          onePractitionerPerMonth: true,
          rightToStop: true,
          electronicSharing: true,
        },
      },
    ],
    carePlans: [
      {
        id: 'cp-1',
        date: `${start}-10`,
        event: 'established',
        authorId: 'c-md',
        elements: [
          'problem-list',
          'expected-outcomes',
          'measurable-goals',
          'symptom-management',
          'planned-interventions',
          'medication-management',
          'coordination-with-other-providers',
        ],
        sharedWithPatient: { date: `${start}-10`, method: 'portal' },
      },
    ],
    timeEntries: entries,
    claims,
  };
  return {
    format: 'ccm-dataset',
    version: 1,
    practice: {
      id: 'pr-1',
      name: 'Test Practice',
      timezone: 'America/Chicago',
      setting: 'office',
      capabilities: {
        certifiedEhr: true,
        access24x7: true,
        continuityOfCare: true,
        enhancedCommunication: true,
        careTransitions: true,
        attestedOn: `${start}-01`,
      },
    },
    clinicians: [
      { id: 'c-md', name: 'Dr. One', npi: '1234567893', credential: 'MD', role: 'practitioner' },
      { id: 'c-np', name: 'NP Two', npi: '1245319599', credential: 'NP', role: 'practitioner' },
      { id: 'c-rn', name: 'RN Three', credential: 'RN', role: 'clinical-staff' },
      { id: 'c-ma', name: 'MA Four', credential: 'MA', role: 'clinical-staff' },
      { id: 'c-fd', name: 'Front Desk', credential: 'non-clinical', role: 'non-clinical-staff' },
      { id: 'c-psy', name: 'Psychologist', credential: 'other-clinical', role: 'practitioner' },
    ],
    patients: [patient],
  };
}

/** A time entry of `minutes` starting at 15:00 UTC on `day` of `month`. */
export function entry(
  id: string,
  clinicianId: string,
  month: string,
  day: number,
  minutes: number,
  service: TimeEntry['service'] = 'ccm',
): TimeEntry {
  return {
    id,
    clinicianId,
    start: `${month}-${String(day).padStart(2, '0')}T15:00:00Z`,
    minutes,
    service,
    activity: 'Care coordination call',
  };
}

/** The scenario's only patient, for cases that change one fact. */
export function patientOf(dataset: Dataset): Patient {
  return dataset.patients[0] as Patient;
}

/** A scenario changed by `change`, which edits it in place. */
export function withChange(
  options: ScenarioOptions,
  change: (d: Dataset, p: Patient) => void,
): Dataset {
  const d = scenario(options);
  change(d, patientOf(d));
  return d;
}
