import {
  addCarePlanEvent,
  addTimeEntry,
  exportDataset,
  linkUserToClinician,
  listPracticeSummaries,
  proposeClaims,
  recordConsent,
  recordEnrollment,
  type Db,
} from '@chronicle/db';
import { previousMonth } from '../../src/billing/model.js';
import { practiceMonth } from '../../src/months.js';

// A billable, unbilled patient-month in the demo organization, made the way a care team
// makes one: enrolled, consent recorded and a care plan established and shared (unless the
// patient has them), and 25 minutes of clinical staff time in the month just ended (the
// month the billing screen opens on). The demo's synthetic patients are tried in turn, those without time in the
// month first, until the rules core proposes a claim nobody has made yet.

export interface BillableMonth {
  practiceId: string;
  timeZone: string;
  month: string;
  patientId: string;
  /** The clinician the care manager's minutes are recorded as. */
  staffName: string;
  /** What the rules core proposes for it: "99490 x1", and the countable minutes. */
  lines: string;
  minutes: { clinicalStaff: number; practitioner: number };
}

const ORG = 'demo';
const STAFF = 'c-st1';
const PRACTITIONER = 'c-pr1';

export async function prepareBillableMonth(db: Db, now = new Date()): Promise<BillableMonth> {
  const [practice] = await listPracticeSummaries(db, ORG);
  if (!practice) throw new Error('the demo organization has no practice');
  const practiceId = practice.id;
  const month = previousMonth(practiceMonth(practice.timezone, now));
  const dataset = await exportDataset(db, { orgId: ORG, actor: 'test-setup', practiceId });
  const staff = dataset.clinicians.find((c) => c.id === STAFF);
  if (!staff) throw new Error(`no clinician ${STAFF} in the demo practice`);
  const inMonth = (iso: string) => practiceMonth(practice.timezone, new Date(iso)) === month;
  const unbilled = dataset.patients.filter(
    (p) => !p.claims.some((c) => c.dateOfService.startsWith(month)),
  );
  const candidates = [
    ...unbilled.filter((p) => !p.timeEntries.some((e) => inMonth(e.start))),
    ...unbilled.filter((p) => p.timeEntries.some((e) => inMonth(e.start))),
  ];
  await linkUserToClinician(db, ORG, 'test-setup', {
    userId: 'care-manager',
    practiceId,
    clinicianId: STAFF,
  });
  for (const patient of candidates.slice(0, 12)) {
    const ref = { practiceId, patientId: patient.id };
    await recordEnrollment(db, ORG, {
      ...ref,
      program: 'ccm',
      status: 'enrolled',
      effectiveOn: `${month}-01`,
      reason: 'agreed at the visit',
      authorId: 'care-manager',
    });
    // A consent the patient already gave names their practitioner: keep it, or the
    // month would move to another practitioner (and their visits).
    const consented = patient.consents.find(
      (c) => c.program === 'ccm' && c.decision === 'accepted' && c.revokedOn === undefined,
    );
    if (!consented)
      await recordConsent(
        db,
        ORG,
        'care-manager',
        {
          ...ref,
          program: 'ccm',
          date: `${month}-02`,
          method: 'written',
          practitionerId: PRACTITIONER,
          obtainedById: STAFF,
          decision: 'accepted',
          informed: {
            availability: true,
            costSharing: true,
            onePractitionerPerMonth: true,
            rightToStop: true,
          },
        },
        now,
      );
    if (patient.carePlans.length === 0)
      await addCarePlanEvent(
        db,
        ORG,
        'care-manager',
        {
          ...ref,
          date: `${month}-03`,
          event: 'established',
          authorId: PRACTITIONER,
          elements: [
            'problem-list',
            'expected-outcomes',
            'measurable-goals',
            'symptom-management',
            'planned-interventions',
            'medication-management',
            'community-resources',
            'coordination-with-other-providers',
            'periodic-review-schedule',
          ],
          sharedWithPatient: { date: `${month}-03`, method: 'portal' },
        },
        now,
      );
    await addTimeEntry(
      db,
      ORG,
      'care-manager',
      {
        ...ref,
        start: `${month}-10T15:00:00Z`,
        end: `${month}-10T15:25:00Z`,
        service: 'ccm',
        activity: 'Monthly check-in call and medication review',
      },
      now,
    );
    const proposal = await proposeClaims(db, {
      orgId: ORG,
      actor: 'test-setup',
      practiceId,
      month,
      patientId: patient.id,
    });
    const proposed = proposal.patients[0];
    if (proposed && proposed.lines.length > 0 && proposed.blockers.length === 0)
      return {
        practiceId,
        timeZone: practice.timezone,
        month,
        patientId: patient.id,
        staffName: staff.name,
        lines: proposed.lines.map((l) => `${l.code} x${l.units}`).join(', '),
        minutes: proposed.countableMinutes,
      };
  }
  throw new Error(`no demo patient could be made billable in ${month}`);
}
