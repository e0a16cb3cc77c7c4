import type { Clinician, Patient, Practice } from '@chronicle/dataset';
import { wholeMinutes } from '../evaluate/month-minutes.js';
import { OVERLAP_LOOKBACK_MS, type OverlapIndex } from '../evaluate/overlap-index.js';
import { viewEntries } from '../evaluate/time-index.js';
import { DEFAULT_POLICY, type Policy } from '../policy.js';
import type { PatientProposal } from '../report/report-schema.js';
import { createPracticeClock } from '../time/practice-clock.js';
import { patientEnv, type PatientEnv } from './patient-env.js';
import { proposeMonth } from './propose.js';
import { responsiblePractitioner } from './responsible-practitioner.js';
import type { Rule } from './rule.js';

// One patient's month as the billing proposal sees it, without the rest of the practice
// in memory: what a care manager's month status shows. The clinician-overlap index is
// handed in, so that minutes a clinician logged for two patients at once are discounted
// exactly as the whole-practice proposal and audit discount them.

export interface PatientMonthInput {
  practice: Practice;
  clinicians: readonly Clinician[];
  /**
   * Where a clinician was on two intervals at once. Built from every entry of the
   * practice, or from the entries of the patient's clinicians whose start falls in
   * `monthEntryWindow` (all that the month's marks depend on).
   */
  overlaps: OverlapIndex;
  patient: Patient;
  /** YYYY-MM. */
  month: string;
  policy?: Policy;
  rules: readonly Rule[];
}

/** The proposal `proposeBilling` makes for this patient and month. */
export function proposePatientMonth(input: PatientMonthInput): PatientProposal {
  const { practice, patient, overlaps } = input;
  const clinicians = new Map(input.clinicians.map((c) => [c.id, c]));
  const clock = createPracticeClock(practice.timezone);
  const env = { practice, clinicians, clock, policy: input.policy ?? DEFAULT_POLICY };
  const views = viewEntries(patient, clinicians, clock, overlaps);
  return patientProposal(patientEnv(env, patient, views), input.month, input.rules);
}

/** Whether the proposal lists the patient for the month: CCM or PCM time that starts in it. */
export function hasCareTimeIn(penv: PatientEnv, month: string): boolean {
  return penv
    .viewsIn(month)
    .some(
      (v) => v.localMonth === month && (v.entry.service === 'ccm' || v.entry.service === 'pcm'),
    );
}

/**
 * A patient-month's proposal: the lines its documentation supports, tried as a draft
 * claim against the rules; without a practitioner who would bill, nothing is billable.
 */
export function patientProposal(
  penv: PatientEnv,
  month: string,
  rules: readonly Rule[],
): PatientProposal {
  const { patient } = penv;
  const practitionerId = responsiblePractitioner(patient, month, penv.clinicians);
  const claims = patient.claims.filter((c) => c.status !== 'denied');
  const result = proposeMonth(penv, month, practitionerId, claims, rules);
  const blockers = result.blockers.map((f) => ({
    ruleId: f.ruleId,
    message: f.message,
    evidence: f.evidence,
  }));
  if (practitionerId === undefined) {
    blockers.push({
      ruleId: 'NO-BILLING-PRACTITIONER',
      message: 'No consent or visit names a practitioner who would bill this month.',
      evidence: {},
    });
  }
  return {
    patientId: patient.id,
    billingPractitionerId: practitionerId ?? null,
    countableMinutes: {
      clinicalStaff: wholeMinutes(result.minutes.clinicalStaffSeconds),
      practitioner: wholeMinutes(result.minutes.practitionerSeconds),
    },
    lines: blockers.length > 0 ? [] : result.lines,
    dateOfService: blockers.length > 0 ? null : result.dateOfService,
    blockers,
    warnings: result.warnings.map((f) => ({
      ruleId: f.ruleId,
      message: f.message,
      evidence: f.evidence,
    })),
    ...(result.next ? { next: result.next } : {}),
  };
}

/**
 * The instants (epoch milliseconds, `fromMs` inclusive, `toMs` exclusive) between which
 * every time entry starts that a month's proposal can depend on, for any patient.
 *
 * The month reads the entries that start in it, end in it, or start in it read in UTC;
 * their overlap marks depend on earlier entries of the same clinician still open when
 * they start. No entry lasts longer than a day (OVERLAP_LOOKBACK_MS, which the overlap
 * walk itself assumes), so an entry ending in the month starts at most a day before it,
 * and an entry it overlaps at most a day before that: two days' margin before the month,
 * none after it (an entry that starts later cannot mark one that starts earlier).
 * Blind spot: an entry longer than a day that overlaps the month's entries from further
 * back is outside the window, as it is outside the overlap walk's guarantee.
 */
export function monthEntryWindow(
  timeZone: string,
  month: string,
): { fromMs: number; toMs: number } {
  const clock = createPracticeClock(timeZone);
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return {
    fromMs: Math.min(clock.monthStart(month), Date.UTC(year, index, 1)) - 2 * OVERLAP_LOOKBACK_MS,
    toMs: Math.max(clock.monthEnd(month), Date.UTC(year, index + 1, 1)),
  };
}

/** The practice-local date (YYYY-MM-DD) of an instant: what "today" means to a practice. */
export function practiceDateAt(timeZone: string, instantMs: number): string {
  return createPracticeClock(timeZone).localDate(instantMs);
}
