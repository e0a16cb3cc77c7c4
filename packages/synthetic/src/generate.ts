import type { Claim, Clinician, Dataset, Patient } from '@chronicle/dataset';
import { mbi, npi, personName } from './identities.js';
import { seeded, type Random } from './random.js';
import { Schedule } from './schedule.js';
import { applyFault, FAULT_KINDS, type FaultKind } from './faults.js';
import { bill, daysIn, logPractitioner, logStaff, type MonthContext } from './month-log.js';

export interface GenerateOptions {
  seed: number;
  patients: number;
  year: number;
  months?: number;
  /** Share of billed months given one documentation or billing fault. */
  faultRate?: number;
  timezone?: string;
}

/** A fault the generator put into a billed month, and the rule that should catch it. */
export interface InjectedFault {
  patientId: string;
  month: string;
  kind: FaultKind;
  ruleId: string;
}

export interface Generated {
  dataset: Dataset;
  faults: InjectedFault[];
}

const CHRONIC = [
  'I10',
  'E11.9',
  'E78.5',
  'J44.9',
  'I50.9',
  'N18.3',
  'F32.9',
  'M17.11',
  'I48.91',
  'G30.9',
  'E03.9',
  'M81.0',
];
const ACUTE = ['J02.9', 'N39.0', 'S52.501A'];
const PLAN = [
  'problem-list',
  'expected-outcomes',
  'measurable-goals',
  'symptom-management',
  'planned-interventions',
  'medication-management',
  'coordination-with-other-providers',
] as const;

/** A practice of `patients` CCM patients over `months` months of `year`, same seed same bytes. */
export function generateDataset(options: GenerateOptions): Generated {
  const r = seeded(options.seed);
  const months = options.months ?? 12;
  const faultRate = options.faultRate ?? 0.15;
  const staffCount = Math.max(2, Math.ceil(options.patients / 120));
  const practitionerCount = Math.max(2, Math.ceil(options.patients / 400));
  const clinicians: Clinician[] = [];
  for (let i = 1; i <= practitionerCount; i++)
    clinicians.push({
      id: `c-pr${i}`,
      name: `Dr. ${personName(r).family}`,
      npi: npi(r),
      credential: i % 3 === 0 ? 'NP' : 'MD',
      role: 'practitioner',
    });
  for (let i = 1; i <= staffCount; i++)
    clinicians.push({
      id: `c-st${i}`,
      name: `${personName(r).given} ${personName(r).family}`,
      credential: i % 2 === 0 ? 'MA' : 'RN',
      role: 'clinical-staff',
    });
  clinicians.push({
    id: 'c-fd1',
    name: 'Front Desk (synthetic)',
    credential: 'non-clinical',
    role: 'non-clinical-staff',
  });

  const monthKeys = Array.from(
    { length: months },
    (_, i) => `${options.year}-${String(i + 1).padStart(2, '0')}`,
  );
  const schedules = new Map(monthKeys.map((m) => [m, new Schedule(m, daysIn(m))]));
  const faults: InjectedFault[] = [];
  const patients: Patient[] = [];
  for (let i = 1; i <= options.patients; i++) {
    const id = `p-${String(i).padStart(5, '0')}`;
    const practitioner = `c-pr${r.int(1, practitionerCount)}`;
    const staff = `c-st${r.int(1, staffCount)}`;
    const patient = basePatient(r, id, practitioner, options.year);
    for (const month of monthKeys) {
      const ctx = {
        r,
        patient,
        month,
        practitioner,
        staff,
        schedule: schedules.get(month) as Schedule,
        year: options.year,
        practitionerCount,
      };
      const billed = monthOf(ctx);
      if (billed && r.chance(faultRate)) {
        const kind = r.pick(FAULT_KINDS.filter((k) => k.applies(options.year)));
        const ruleId = applyFault(kind.kind, { ...ctx, claim: billed });
        faults.push({ patientId: id, month, kind: kind.kind, ruleId });
      }
    }
    patients.push(patient);
  }
  const dataset: Dataset = {
    format: 'ccm-dataset',
    version: 1,
    practice: {
      id: 'demo-practice',
      name: 'Chronicle Demo Clinic (synthetic)',
      timezone: options.timezone ?? 'America/Chicago',
      setting: 'office',
      capabilities: {
        certifiedEhr: true,
        access24x7: true,
        continuityOfCare: true,
        enhancedCommunication: true,
        careTransitions: true,
        attestedOn: `${options.year}-01-02`,
      },
    },
    clinicians,
    patients,
  };
  return { dataset, faults };
}

function basePatient(r: Random, id: string, practitioner: string, year: number): Patient {
  const start = `${year - 1}-12-${String(r.int(1, 20)).padStart(2, '0')}`;
  const codes = new Set<string>();
  while (codes.size < r.int(2, 4)) codes.add(r.pick(CHRONIC));
  const conditions: Patient['conditions'] = [...codes].map((code, i) => ({
    id: `dx-${i + 1}`,
    system: 'icd-10-cm',
    code,
    onset: `${r.int(2005, year - 2)}-0${r.int(1, 9)}-15`,
  }));
  if (r.chance(0.15))
    conditions.push({
      id: 'dx-a',
      system: 'icd-10-cm',
      code: r.pick(ACUTE),
      onset: `${year - 1}-06-01`,
      abatement: `${year - 1}-07-01`,
    });
  return {
    id,
    mrn: `MRN-${id.slice(2)}`,
    name: personName(r),
    birthDate: `${r.int(1935, 1958)}-0${r.int(1, 9)}-${String(r.int(10, 28))}`,
    mbi: mbi(r),
    coverage: [
      { kind: r.chance(0.04) ? 'medicare-advantage' : 'medicare-part-b', start: '2012-01-01' },
    ],
    conditions,
    encounters: [
      {
        id: 'enc-1',
        date: start,
        code: r.pick(['99214', '99215', 'G0438']),
        clinicianId: practitioner,
        kind: 'visit',
        ccmDiscussed: true,
      },
    ],
    consents: [
      {
        id: 'cons-1',
        program: 'ccm',
        date: start,
        method: r.chance(0.5) ? 'verbal' : 'written',
        practitionerId: practitioner,
        obtainedById: practitioner,
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
        date: start,
        event: 'established',
        authorId: practitioner,
        elements: [...PLAN],
        sharedWithPatient: { date: start, method: r.pick(['portal', 'paper', 'email'] as const) },
      },
    ],
    timeEntries: [],
    claims: [],
  };
}

/** Logs a month's time and, most months, bills what it supports. Returns the claim, if any. */
function monthOf(ctx: MonthContext): Claim | undefined {
  const { r, year } = ctx;
  const roll = r.next();
  if (roll < 0.1) return void logStaff(ctx, r.int(4, 15)); // not enough time: unbilled
  if (roll < 0.15) return void logStaff(ctx, r.int(22, 35)); // eligible but not billed
  if (roll < 0.25 && year >= 2017) return complexMonth(ctx);
  if (roll < 0.32 && year >= 2019) {
    logPractitioner(ctx, r.int(30, 50));
    return bill(ctx, [['99491', 1]]);
  }
  const total = r.int(20, 75);
  logStaff(ctx, total);
  const units = Math.min(2, Math.floor((total - 20) / 20));
  const addon = year >= 2021 ? '99439' : year === 2020 ? 'G2058' : undefined;
  return bill(
    ctx,
    units > 0 && addon
      ? [
          ['99490', 1],
          [addon, units],
        ]
      : [['99490', 1]],
  );
}

function complexMonth(ctx: MonthContext): Claim {
  const { r, patient, month } = ctx;
  const staffMinutes = r.int(60, 100);
  logStaff(ctx, staffMinutes);
  const entry = logPractitioner(ctx, 5);
  entry.mdm = r.chance(0.5) ? 'moderate' : 'high';
  const day = entry.start.slice(0, 10);
  patient.carePlans.push({
    id: `cp-${month}`,
    date: day,
    event: 'revised',
    substantialRevision: true,
    authorId: ctx.practitioner,
    elements: [...PLAN],
    sharedWithPatient: { date: day, method: 'portal' },
  });
  const units = Math.floor((staffMinutes + 5 - 60) / 30);
  return bill(
    ctx,
    units > 0
      ? [
          ['99487', 1],
          ['99489', units],
        ]
      : [['99487', 1]],
  );
}
