import { g0506WithoutInitiatingVisit } from '../../src/rules/g0506-without-initiating-visit.js';
import { ruleTable } from '../support/rule-tester.js';
import { withChange } from '../support/scenario.js';

const g0506 = (date: string, extra: Array<{ code: string; units: number }> = []) => ({
  id: 'cl-g',
  dateOfService: date,
  billingPractitionerId: 'c-md',
  status: 'paid' as const,
  lines: [{ code: 'G0506', units: 1 }, ...extra],
});

ruleTable(g0506WithoutInitiatingVisit, {
  valid: [
    {
      name: 'G0506 on the day of the recorded 99214 visit',
      month: '2026-07',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('2026-07-05'));
      }),
    },
    {
      name: 'G0506 billed with a 99214 line the same day',
      month: '2026-08',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('2026-08-03', [{ code: '99214', units: 1 }]));
      }),
    },
  ],
  invalid: [
    {
      name: 'G0506 three days after the visit',
      month: '2026-07',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('2026-07-08'));
      }),
      evidence: { claimId: 'cl-g' },
    },
    {
      name: 'G0506 on the day of a visit by another practitioner',
      month: '2026-07',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.clinicianId = 'c-np';
        p.claims.push(g0506('2026-07-05'));
      }),
    },
  ],
});
