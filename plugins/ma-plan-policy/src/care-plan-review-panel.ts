import type { Patient } from '@chronicle/dataset';
import type { ConsolePanel } from '@chronicle/plugin-api/proposed';
import { lastReview } from './care-plan-review.js';
import { addDays, daysBetween } from './dates.js';
import { isMember } from './membership.js';
import type { PlanPolicy } from './plan-policy.js';

// The console's patient panel "Care-plan review (MA plan)": the last care-plan event, the
// days since it and the date the next review is due under the plan's interval, as of today
// in the practice's time zone. It sends dates and counts only, nothing that names the
// patient. The console renders the JSON; this code runs on the server.

export const PANEL_ID = 'ma-plan.care-plan-review';

/** Today's date (YYYY-MM-DD) in a time zone: the panel's only use of a clock. */
export type Today = (timeZone: string) => string;

export function careplanReviewPanel(policy: PlanPolicy, today: Today): ConsolePanel {
  return {
    id: PANEL_ID,
    data(input) {
      // The manifest places the panel on the patient page only.
      if (input.location !== 'patient') return null;
      return reviewStatus(input.patient, today(input.practice.timezone), policy);
    },
  };
}

/**
 * What the panel shows. The console shows keys as written, so they are words for the
 * care manager, not identifiers (a type, not an interface, so that it is assignable to
 * JSON).
 */
export type ReviewStatus = {
  /** The date the figures are for: today in the practice's time zone. */
  'As of': string;
  /** Whether the plan's policy applies to the patient on that date. */
  'Plan member': boolean;
  'Review interval (days)': number;
  /** The date of the latest care-plan event on or before "As of", and what it was. */
  'Last review': string | null;
  'Last review was': 'established' | 'revised' | 'reviewed' | null;
  'Care-plan event': string | null;
  'Days since last review': number | null;
  /** The last date a review keeps the plan current; null when there was none. */
  'Next review due by': string | null;
  /** No event at all, or the last one is older than the interval. */
  Overdue: boolean;
};

/** The panel's data for a patient as of a date. */
export function reviewStatus(
  patient: Pick<Patient, 'coverage' | 'carePlans'>,
  asOf: string,
  policy: PlanPolicy,
): ReviewStatus {
  const last = lastReview(patient.carePlans, asOf);
  const days = last === undefined ? null : daysBetween(last.date, asOf);
  return {
    'As of': asOf,
    'Plan member': isMember(patient.coverage, asOf, policy),
    'Review interval (days)': policy.reviewIntervalDays,
    'Last review': last?.date ?? null,
    'Last review was': last?.event ?? null,
    'Care-plan event': last?.id ?? null,
    'Days since last review': days,
    'Next review due by': last === undefined ? null : addDays(last.date, policy.reviewIntervalDays),
    Overdue: days === null || days > policy.reviewIntervalDays,
  };
}

/** Today in a time zone, from the system clock. */
export function systemToday(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
