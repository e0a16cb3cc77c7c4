import { CAREPLAN_REVIEW_OVERDUE } from '../src/careplan-review-overdue.js';
import { ruleTable } from './support/rule-table.js';
import { scenario, withChange } from './support/scenario.js';

// The scenario's plan was established on 2026-07-10 and reviewed on 2026-09-15; the claim
// is dated 2026-10-31, so 2026-08-02 is the earliest review 90 days covers.
ruleTable(CAREPLAN_REVIEW_OVERDUE, {
  valid: [
    { name: 'reviewed 46 days before the date of service', dataset: scenario() },
    {
      name: 'reviewed exactly 90 days before',
      dataset: withChange((p) => {
        p.carePlans[1]!.date = '2026-08-02';
      }),
    },
    {
      name: 'reviewed on the date of service itself',
      dataset: withChange((p) => {
        p.carePlans[1]!.date = '2026-10-31';
      }),
    },
    {
      name: 'no review, but the plan was revised in October',
      dataset: withChange((p) => {
        p.carePlans[1]!.event = 'revised';
        p.carePlans[1]!.date = '2026-10-12';
      }),
    },
    {
      name: 'no review, but the plan was established 30 days before',
      dataset: withChange((p) => {
        p.carePlans = [
          {
            ...p.carePlans[0]!,
            date: '2026-10-01',
            sharedWithPatient: { date: '2026-10-01', method: 'portal' },
          },
        ];
      }),
    },
    {
      name: 'not a member: Part B only, the plan last reviewed a year before',
      dataset: withChange((p) => {
        p.coverage = [{ kind: 'medicare-part-b', start: '2020-01-01' }];
        p.carePlans = [{ ...p.carePlans[0]!, date: '2025-10-01' }];
      }),
    },
    {
      name: 'the membership ended the day before the date of service',
      dataset: withChange((p) => {
        p.coverage = [
          { kind: 'medicare-advantage', start: '2020-01-01', end: '2026-10-30' },
          { kind: 'medicare-part-b', start: '2026-10-31' },
        ];
        p.carePlans = [p.carePlans[0]!];
      }),
    },
    {
      name: 'a 120-day interval set in the config, the review 100 days before',
      policy: { reviewIntervalDays: 120 },
      dataset: withChange((p) => {
        p.carePlans[1]!.date = '2026-07-23';
      }),
    },
    {
      name: 'a 2023 month: before the policy took effect',
      month: '2023-10',
      dataset: withChange((p) => {
        p.carePlans = [{ ...p.carePlans[0]!, date: '2023-01-10' }];
        p.timeEntries[0]!.start = '2023-10-02T15:00:00Z';
        p.claims[0]!.dateOfService = '2023-10-31';
        p.encounters[0]!.date = '2023-01-05';
        p.consents[0]!.date = '2023-01-05';
      }),
    },
  ],
  invalid: [
    {
      name: 'last reviewed 91 days before',
      dataset: withChange((p) => {
        p.carePlans[1]!.date = '2026-08-01';
      }),
      message: 'last established, revised or reviewed on 2026-08-01, 91 days before',
      evidence: {
        claimId: 'cl-1',
        lastCarePlanEventId: 'cp-2',
        daysSinceReview: 91,
        reviewIntervalDays: 90,
      },
    },
    {
      name: 'never reviewed: only the establishment, 113 days before',
      dataset: withChange((p) => {
        p.carePlans = [p.carePlans[0]!];
      }),
      evidence: { lastCarePlanEventId: 'cp-1', lastReviewDate: '2026-07-10', daysSinceReview: 113 },
    },
    {
      name: 'no care-plan event at all',
      dataset: withChange((p) => {
        p.carePlans = [];
      }),
      message: 'no care-plan event (established, revised or reviewed) is recorded',
      evidence: { lastCarePlanEventId: null, dateOfService: '2026-10-31' },
    },
    {
      name: 'the only review is dated after the date of service',
      dataset: withChange((p) => {
        p.carePlans[1]!.date = '2026-11-02';
      }),
      evidence: { lastCarePlanEventId: 'cp-1', daysSinceReview: 113 },
    },
    {
      name: 'a 60-day interval set in the config, the review 61 days before',
      policy: { reviewIntervalDays: 60 },
      dataset: withChange((p) => {
        p.carePlans[1]!.date = '2026-08-31';
      }),
      message: 'the plan requires a review within 60 days',
      evidence: { daysSinceReview: 61, reviewIntervalDays: 60 },
    },
    {
      name: 'the patient joined the plan on the first day of the month',
      dataset: withChange((p) => {
        p.coverage = [
          { kind: 'medicare-part-b', start: '2020-01-01', end: '2026-09-30' },
          { kind: 'medicare-advantage', start: '2026-10-01' },
        ];
        p.carePlans = [p.carePlans[0]!];
      }),
    },
    {
      name: 'a Part B patient, when the config applies the policy to Part B too',
      policy: { coverageKinds: ['medicare-advantage', 'medicare-part-b'] },
      dataset: withChange((p) => {
        p.coverage = [{ kind: 'medicare-part-b', start: '2020-01-01' }];
        p.carePlans = [p.carePlans[0]!];
      }),
    },
    {
      name: 'two claims in the month, each checked on its own date',
      dataset: withChange((p) => {
        p.carePlans = [p.carePlans[0]!];
        p.claims.push({
          id: 'cl-2',
          dateOfService: '2026-10-31',
          billingPractitionerId: 'c-md',
          status: 'submitted',
          lines: [{ code: '99439', units: 1, diagnoses: ['I10', 'E11.9'] }],
        });
        p.timeEntries.push({ ...p.timeEntries[0]!, id: 't-2', start: '2026-10-09T15:00:00Z' });
      }),
      count: 2,
    },
  ],
});
