import { defineRule, type Rule, type RuleMeta } from '@chronicle/plugin-api';
import { lastReview } from './care-plan-review.js';
import { billsCcm, CCM_CODES } from './ccm-claims.js';
import { daysBetween } from './dates.js';
import { isMember } from './membership.js';
import { PLAN_POLICY_URL, POLICY_FROM_YEAR } from './plan.js';
import type { PlanPolicy } from './plan-policy.js';

// The plan pays for a month of CCM only when the care plan was established, revised or
// reviewed within `reviewIntervalDays` (90 by default) before the claim's date of service;
// CMS asks for a plan that is kept current, without a fixed interval. Blind spots: a
// review is read from the record's care-plan events only (work on the plan logged as a
// time entry is not seen), and who made the event is not checked; membership is read
// from the coverage kind (see membership.ts).

export const CAREPLAN_REVIEW_OVERDUE = 'ma-plan/CAREPLAN-REVIEW-OVERDUE';

export const careplanReviewOverdueMeta: RuleMeta = {
  id: CAREPLAN_REVIEW_OVERDUE,
  severity: 'error',
  years: { from: POLICY_FROM_YEAR },
  sources: [PLAN_POLICY_URL],
  description:
    "A CCM claim of the plan's member whose care plan was not established, revised or reviewed within the plan's review interval (90 days) before the date of service.",
  messages: {
    overdue:
      'Claim {claimId} ({dateOfService}): the care plan was last established, revised or reviewed on {lastReviewDate}, {daysSinceReview} days before; the plan requires a review within {reviewIntervalDays} days.',
    none: 'Claim {claimId} ({dateOfService}): no care-plan event (established, revised or reviewed) is recorded on or before the date of service; the plan requires a review within {reviewIntervalDays} days.',
  },
  scope: 'billed-month',
  codes: CCM_CODES,
  lifecycle: { addedIn: '0.1.0' },
  docs: {
    why: 'The plan (fictional) pays for CCM only while the care plan is current, which it defines as established, revised or reviewed within 90 days before each date of service. CMS requires a comprehensive care plan kept up to date but sets no interval; this is the plan adding its own.',
    fail: '99490 billed on 2026-10-31 for a member whose care plan was last reviewed on 2026-08-01 (91 days before).',
    pass: 'The same claim with the care plan reviewed on 2026-08-02 (90 days before), or revised in September.',
    blindSpots:
      "Reviews are read from the record's care-plan events; review work logged only as care-management time is not seen, and the author of the event is not checked. Every patient with a listed coverage kind on the date of service is taken as the plan's member, since the dataset does not name the plan.",
    correctiveAction:
      "If the chart shows a review of the care plan in the 90 days before the date of service that the data lacks, record it as a care-plan event; otherwise hold the claim, or if the plan has paid, correct or refund it through the plan's own process. Schedule each member's care-plan review before the interval runs out (the console's patient panel shows the next review due).",
  },
};

/** The rule, reading the interval and the coverage kinds of the policy in force. */
export function careplanReviewOverdue(policy: PlanPolicy): Rule {
  return defineRule({
    meta: careplanReviewOverdueMeta,
    check(ctx, report) {
      for (const claim of ctx.claims) {
        const dateOfService = claim.dateOfService;
        if (!billsCcm(claim) || !isMember(ctx.patient.coverage, dateOfService, policy)) continue;
        const last = lastReview(ctx.patient.carePlans, dateOfService);
        const daysSinceReview = last && daysBetween(last.date, dateOfService);
        if (daysSinceReview !== undefined && daysSinceReview <= policy.reviewIntervalDays) continue;
        const common = {
          claimId: claim.id,
          dateOfService,
          reviewIntervalDays: policy.reviewIntervalDays,
        };
        report(
          last === undefined || daysSinceReview === undefined
            ? {
                messageId: 'none',
                data: common,
                evidence: { ...common, lastCarePlanEventId: null },
              }
            : {
                messageId: 'overdue',
                data: { ...common, lastReviewDate: last.date, daysSinceReview },
                evidence: {
                  ...common,
                  lastCarePlanEventId: last.id,
                  lastReviewDate: last.date,
                  daysSinceReview,
                },
              },
        );
      }
    },
  });
}
