import type { CarePlanEvent, Patient } from '@chronicle/dataset';
import { dateOf, pad } from './calendar.js';
import { mbi, personName } from './identities.js';
import type { Random } from './random.js';

// One patient as enrolled before the generated period starts: Medicare-age, two to five
// common chronic conditions, seen by their practitioner in December, consented to CCM
// and given a care plan the same week.

const CHRONIC: ReadonlyArray<readonly [string, string]> = [
  ['I10', 'Essential hypertension'],
  ['E11.9', 'Type 2 diabetes mellitus without complications'],
  ['E78.5', 'Hyperlipidemia, unspecified'],
  ['J44.9', 'Chronic obstructive pulmonary disease, unspecified'],
  ['I50.9', 'Heart failure, unspecified'],
  ['N18.3', 'Chronic kidney disease, stage 3'],
  ['F32.9', 'Major depressive disorder, single episode, unspecified'],
  ['M17.11', 'Unilateral primary osteoarthritis, right knee'],
  ['I48.91', 'Unspecified atrial fibrillation'],
  ['G30.9', "Alzheimer's disease, unspecified"],
  ['E03.9', 'Hypothyroidism, unspecified'],
  ['M81.0', 'Age-related osteoporosis without current pathological fracture'],
];
const ACUTE: ReadonlyArray<readonly [string, string]> = [
  ['J02.9', 'Acute pharyngitis, unspecified'],
  ['N39.0', 'Urinary tract infection, site not specified'],
  ['S52.501A', 'Unspecified fracture of the lower end of right radius, initial encounter'],
];
export const PLAN_ELEMENTS = [
  'problem-list',
  'expected-outcomes',
  'measurable-goals',
  'symptom-management',
  'planned-interventions',
  'medication-management',
  'coordination-with-other-providers',
  'periodic-review-schedule',
] as const satisfies ReadonlyArray<CarePlanEvent['elements'][number]>;

export function enrolledPatient(
  r: Random,
  n: number,
  practitioner: string,
  staff: string,
  year: number,
): Patient {
  const id = `p-${String(n).padStart(5, '0')}`;
  const birthYear = year - r.int(66, 92);
  const birthMonth = r.int(1, 12);
  const enrolled = dateOf(`${year - 1}-12`, r.int(1, 18));
  const planDay = dateOf(`${year - 1}-12`, Number(enrolled.slice(8)) + r.int(0, 7));
  const count = r.int(2, 5);
  const conditions: Patient['conditions'] = [];
  const taken = new Set<number>();
  while (conditions.length < count) {
    const i = r.int(0, CHRONIC.length - 1);
    if (taken.has(i)) continue;
    taken.add(i);
    const [code, display] = CHRONIC[i] as readonly [string, string];
    const onset = dateOf(`${r.int(year - 20, year - 2)}-${pad(r.int(1, 12))}`, r.int(1, 28));
    conditions.push({
      id: `dx-${conditions.length + 1}`,
      system: 'icd-10-cm',
      code,
      display,
      onset,
    });
  }
  if (r.chance(0.15)) {
    const [code, display] = r.pick(ACUTE);
    const onset = dateOf(`${year - 1}-${pad(r.int(1, 10))}`, r.int(1, 20));
    const abatement = `${onset.slice(0, 8)}28`;
    conditions.push({ id: 'dx-acute', system: 'icd-10-cm', code, display, onset, abatement });
  }
  const partBStart = `${birthYear + 65}-${pad(birthMonth)}-01`;
  const coverage: Patient['coverage'] = [
    { kind: r.chance(0.06) ? 'medicare-advantage' : 'medicare-part-b', start: partBStart },
  ];
  if (r.chance(0.1)) coverage.push({ kind: 'medicaid', start: partBStart, qmb: true });
  return {
    id,
    mrn: `MRN-${String(100000 + n)}`,
    name: personName(r),
    birthDate: dateOf(`${birthYear}-${pad(birthMonth)}`, r.int(1, 28)),
    mbi: mbi(r),
    coverage,
    conditions,
    encounters: [
      {
        id: 'enc-1',
        date: enrolled,
        code: r.pick(['99214', '99214', '99215', 'G0438']),
        clinicianId: practitioner,
        kind: 'visit',
        ccmDiscussed: true,
      },
    ],
    consents: [
      {
        id: 'cons-1',
        program: 'ccm',
        date: enrolled,
        // Written consent was required until 2016; verbal is the usual record since.
        method: year <= 2016 || r.chance(0.2) ? 'written' : 'verbal',
        practitionerId: practitioner,
        obtainedById: r.chance(0.5) ? practitioner : staff,
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
        date: planDay,
        event: 'established',
        authorId: practitioner,
        elements: [...PLAN_ELEMENTS],
        sharedWithPatient: { date: planDay, method: r.pick(['portal', 'paper', 'email'] as const) },
      },
    ],
    timeEntries: [],
    claims: [],
  };
}
