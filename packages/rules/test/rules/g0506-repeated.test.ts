import { g0506Repeated } from '../../src/rules/g0506-repeated.js';
import { ruleTable } from '../support/rule-tester.js';
import { withChange } from '../support/scenario.js';

const g0506 = (id: string, date: string, units = 1, billingPractitionerId = 'c-md') => ({
  id,
  dateOfService: date,
  billingPractitionerId,
  status: 'paid' as const,
  lines: [
    { code: 'G0506', units },
    { code: '99214', units: 1 },
  ],
});

ruleTable(g0506Repeated, {
  valid: [
    {
      name: 'G0506 once',
      month: '2026-07',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('g1', '2026-07-05'));
      }),
    },
    {
      name: "a second G0506 by another practitioner is not this practitioner's repeat",
      month: '2026-10',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('g1', '2026-07-05'), g0506('g2', '2026-10-05', 1, 'c-np'));
      }),
    },
    {
      name: 'the month of the first G0506 is not reported when a later one repeats it',
      month: '2026-07',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('g1', '2026-07-05'), g0506('g2', '2026-10-05'));
      }),
    },
    {
      name: '2016: before G0506 existed (CODE-NOT-EFFECTIVE reports the line)',
      month: '2016-11',
      dataset: withChange({ month: '2016-11' }, (_d, p) => {
        p.claims.push(g0506('g1', '2016-08-05'), g0506('g2', '2016-11-05'));
      }),
    },
  ],
  invalid: [
    {
      name: 'G0506 again three months later',
      month: '2026-10',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('g1', '2026-07-05'), g0506('g2', '2026-10-05'));
      }),
      evidence: { firstClaimId: 'g1', firstDateOfService: '2026-07-05' },
    },
    {
      name: 'a denied first G0506 does not count; a third one is still a repeat of the second',
      month: '2026-10',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(
          { ...g0506('g0', '2026-06-05'), status: 'denied' as const },
          g0506('g1', '2026-07-05'),
          g0506('g2', '2026-10-05'),
        );
      }),
      evidence: { firstClaimId: 'g1' },
    },
    {
      name: '2017: repeated the year it was introduced',
      month: '2017-11',
      dataset: withChange({ month: '2017-11' }, (_d, p) => {
        p.claims.push(g0506('g1', '2017-08-05'), g0506('g2', '2017-11-05'));
      }),
      evidence: { firstClaimId: 'g1' },
    },
    {
      name: 'two units of G0506 at once',
      month: '2026-07',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('g1', '2026-07-05', 2));
      }),
    },
  ],
});
