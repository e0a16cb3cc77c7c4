import { patientNotPartB } from '../../src/rules/patient-not-part-b.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

// The scenario's claim cl-1 is dated 2026-10-31; Part B runs from 2010 with no end.
ruleTable(patientNotPartB, {
  valid: [
    { name: 'open-ended Part B coverage', dataset: scenario() },
    {
      name: 'Part B that ends on the date of service (end date inclusive)',
      dataset: withChange({}, (_d, p) => {
        p.coverage[0]!.end = '2026-10-31';
      }),
    },
    {
      name: 'Part B that starts on the date of service (start date inclusive)',
      dataset: withChange({}, (_d, p) => {
        p.coverage = [
          { kind: 'medicare-advantage', start: '2020-01-01', end: '2026-10-30' },
          { kind: 'medicare-part-b', start: '2026-10-31' },
        ];
      }),
    },
    {
      name: 'Part B with Medicaid as secondary coverage',
      dataset: withChange({}, (_d, p) => {
        p.coverage.push({ kind: 'medicaid', start: '2015-01-01' });
      }),
    },
    {
      name: 'a same-month claim for another service (home-health oversight G0181) is not read',
      dataset: withChange({ dateOfService: '2026-10-15' }, (_d, p) => {
        p.coverage[0]!.end = '2026-10-20';
        p.claims.push({
          id: 'cl-hh',
          dateOfService: '2026-10-28',
          billingPractitionerId: 'c-md',
          status: 'submitted',
          lines: [{ code: 'G0181', units: 1 }],
        });
      }),
    },
  ],
  invalid: [
    {
      name: 'Medicare Advantage only, named in the evidence',
      dataset: withChange({}, (_d, p) => {
        p.coverage = [{ kind: 'medicare-advantage', start: '2020-01-01' }];
      }),
      evidence: {
        claimId: 'cl-1',
        dateOfService: '2026-10-31',
        coverageKindsOnDate: ['medicare-advantage'],
      },
    },
    {
      name: 'Part B ended the day before the date of service',
      dataset: withChange({}, (_d, p) => {
        p.coverage[0]!.end = '2026-10-30';
      }),
      evidence: { coverageKindsOnDate: [] },
    },
    {
      name: 'Part B starts the day after the date of service; Medicaid only then',
      dataset: withChange({}, (_d, p) => {
        p.coverage = [
          { kind: 'medicaid', start: '2015-01-01' },
          { kind: 'medicare-part-b', start: '2026-11-01' },
        ];
      }),
      evidence: { coverageKindsOnDate: ['medicaid'] },
    },
    {
      name: 'no coverage recorded at all',
      dataset: withChange({}, (_d, p) => {
        p.coverage = [];
      }),
      evidence: { claimId: 'cl-1', coverageKindsOnDate: [] },
    },
    {
      name: 'first service year: 2015 month billed under commercial coverage',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) => {
        p.coverage = [{ kind: 'commercial', start: '2001-01-01' }];
      }),
      evidence: { coverageKindsOnDate: ['commercial'] },
    },
    {
      name: 'two claims in the month: only the one after Part B ended is flagged',
      dataset: withChange({ dateOfService: '2026-10-15' }, (_d, p) => {
        p.coverage[0]!.end = '2026-10-20';
        p.coverage.push({ kind: 'medicare-advantage', start: '2026-10-21' });
        p.claims.push({
          id: 'cl-2',
          dateOfService: '2026-10-28',
          billingPractitionerId: 'c-md',
          status: 'submitted',
          lines: [{ code: '99439', units: 1 }],
        });
      }),
      count: 1,
      evidence: { claimId: 'cl-2', coverageKindsOnDate: ['medicare-advantage'] },
    },
  ],
});
