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
    {
      name: 'G0506 on the day of a recorded annual wellness visit G0438',
      month: '2026-07',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = 'G0438';
        p.claims.push(g0506('2026-07-05'));
      }),
    },
    {
      name: '2017, the first year of G0506, with the visit that day',
      month: '2017-03',
      dataset: withChange({ month: '2017-06' }, (_d, p) => {
        p.claims.push(g0506('2017-03-05'));
      }),
    },
    {
      name: '2016: before G0506 existed (CODE-NOT-EFFECTIVE reports the line)',
      month: '2016-08',
      dataset: withChange({ month: '2016-10' }, (_d, p) => {
        p.claims.push(g0506('2016-08-20'));
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
      evidence: { claimId: 'cl-g', dateOfService: '2026-07-08' },
    },
    {
      name: 'G0506 on the day of a level 1 visit 99211',
      month: '2026-07',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = '99211';
        p.claims.push(g0506('2026-07-05'));
      }),
    },
    {
      name: 'G0506 with a 99214 line billed by another practitioner that day',
      month: '2026-08',
      dataset: withChange({}, (_d, p) => {
        p.claims.push(g0506('2026-08-03'), {
          ...g0506('2026-08-03'),
          id: 'cl-np',
          billingPractitionerId: 'c-np',
          lines: [{ code: '99214', units: 1 }],
        });
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
