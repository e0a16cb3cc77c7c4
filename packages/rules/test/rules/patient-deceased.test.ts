import { patientDeceased } from '../../src/rules/patient-deceased.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

// Staff entries are written on the 2nd, 4th, ... at 15:00 UTC (10:00 in Chicago); the
// claim is dated the month's last day unless a case says otherwise.
ruleTable(patientDeceased, {
  valid: [
    { name: 'no date of death', dataset: scenario() },
    {
      name: 'died after the date of service and the minutes',
      dataset: withChange({ staff: [25], dateOfService: '2026-10-18' }, (_d, p) => {
        p.deathDate = '2026-10-20';
      }),
    },
    {
      name: 'claim dated on the day of death, minutes before',
      dataset: withChange({ staff: [25], dateOfService: '2026-10-20' }, (_d, p) => {
        p.deathDate = '2026-10-20';
      }),
    },
    {
      name: 'minutes on the day of death count',
      dataset: withChange({ staff: [25], dateOfService: '2026-10-02' }, (_d, p) => {
        p.deathDate = '2026-10-02';
      }),
    },
    {
      name: 'late evening in Chicago on the day of death (already the next day in UTC)',
      dataset: withChange({ staff: [], dateOfService: '2026-10-03' }, (_d, p) => {
        p.deathDate = '2026-10-03';
        p.timeEntries.push({
          id: 't-late',
          clinicianId: 'c-rn',
          start: '2026-10-04T03:00:00Z', // 22:00 on 3 October in Chicago
          minutes: 25,
          service: 'ccm',
          activity: 'Call with caregiver',
        });
      }),
    },
    {
      name: 'a same-month claim for another service (G0181) dated after death is not read',
      dataset: withChange({ staff: [25], dateOfService: '2026-10-18' }, (_d, p) => {
        p.deathDate = '2026-10-20';
        p.claims.push({
          id: 'cl-hh',
          dateOfService: '2026-10-28',
          billingPractitionerId: 'c-md',
          status: 'submitted',
          lines: [{ code: 'G0181', units: 1 }],
        });
      }),
    },
    {
      name: 'died the month after',
      dataset: withChange({}, (_d, p) => {
        p.deathDate = '2026-11-01';
      }),
    },
  ],
  invalid: [
    {
      name: 'claim dated after death',
      dataset: withChange({ staff: [25] }, (_d, p) => {
        p.deathDate = '2026-10-10';
      }),
      count: 1,
      evidence: { claimId: 'cl-1', dateOfService: '2026-10-31' },
    },
    {
      name: 'claim dated the day after death',
      dataset: withChange({ staff: [25], dateOfService: '2026-10-21' }, (_d, p) => {
        p.deathDate = '2026-10-20';
      }),
      evidence: { claimId: 'cl-1' },
    },
    {
      name: 'minutes logged after death (claim dated before it)',
      dataset: withChange({ staff: [10, 15], dateOfService: '2026-10-02' }, (_d, p) => {
        p.deathDate = '2026-10-03';
      }),
      count: 1,
      evidence: { minutes: 15, entryIds: ['t-s2'], seconds: 900 },
    },
    {
      name: 'minutes just after local midnight following the day of death',
      dataset: withChange({ staff: [25], dateOfService: '2026-10-02' }, (_d, p) => {
        p.deathDate = '2026-10-03';
        p.timeEntries.push({
          id: 't-late',
          clinicianId: 'c-rn',
          start: '2026-10-04T05:30:00Z', // 00:30 on 4 October in Chicago
          minutes: 10,
          service: 'ccm',
          activity: 'Call with caregiver',
        });
      }),
      evidence: { entryIds: ['t-late'] },
    },
    {
      name: 'both the claim and minutes after death: one finding each',
      dataset: withChange({ staff: [25, 10] }, (_d, p) => {
        p.deathDate = '2026-10-03';
      }),
      count: 2,
    },
    {
      name: 'PCM month: PCM minutes after death',
      dataset: withChange(
        { staff: [], lines: [['99426', 1]], dateOfService: '2026-10-05' },
        (_d, p) => {
          p.deathDate = '2026-10-05';
          p.consents[0]!.program = 'pcm';
          p.timeEntries.push(
            {
              id: 't-a',
              clinicianId: 'c-rn',
              start: '2026-10-02T15:00:00Z',
              minutes: 30,
              service: 'pcm',
              activity: 'Call',
            },
            {
              id: 't-b',
              clinicianId: 'c-rn',
              start: '2026-10-06T15:00:00Z',
              minutes: 5,
              service: 'pcm',
              activity: 'Call',
            },
          );
        },
      ),
      evidence: { entryIds: ['t-b'] },
    },
  ],
});
