import type { Patient } from '@chronicle/dataset';
import { timeDoubleCounted } from '../../src/rules/time-double-counted.js';
import { ruleTable } from '../support/rule-tester.js';
import { withChange } from '../support/scenario.js';

const call = (
  id: string,
  clinicianId: string,
  from: string,
  to: string,
  service: 'ccm' | 'rpm' = 'ccm',
) => ({
  id,
  clinicianId,
  start: `2026-10-02T${from}:00Z`,
  end: `2026-10-02T${to}:00Z`,
  service,
  activity: 'Call',
});

const otherPatient = (p: Patient, entries: Patient['timeEntries']): Patient => ({
  ...structuredClone(p),
  id: 'p-2',
  mrn: 'MRN-2',
  timeEntries: entries,
  claims: [],
});

ruleTable(timeDoubleCounted, {
  valid: [
    {
      name: 'two calls one after the other',
      dataset: withChange({ staff: [] }, (d, p) => {
        p.timeEntries.push(call('t-a', 'c-rn', '15:00', '15:20'));
        d.patients.push(otherPatient(p, [call('t-b', 'c-rn', '15:20', '15:40')]));
      }),
    },
    {
      name: 'overlap not needed to reach the level',
      dataset: withChange({ staff: [] }, (_d, p) => {
        p.timeEntries.push(
          call('t-a', 'c-rn', '15:00', '15:30'),
          call('t-r', 'c-ma', '15:00', '15:05', 'rpm'),
        );
      }),
    },
  ],
  invalid: [
    {
      name: "the RN on two patients at once, 10 of the second patient's minutes overlap",
      patientId: 'p-2',
      dataset: withChange({ staff: [] }, (d, p) => {
        p.timeEntries.push(call('t-a', 'c-rn', '15:00', '15:20'));
        const q = otherPatient(p, [call('t-b', 'c-rn', '15:10', '15:30')]);
        q.claims = [
          {
            id: 'cl-2',
            dateOfService: '2026-10-31',
            billingPractitionerId: 'c-md',
            status: 'submitted',
            lines: [{ code: '99490', units: 1 }],
          },
        ];
        d.patients.push(q);
      }),
      evidence: { excludedEntryIds: ['t-b'], excludedSeconds: 600 },
    },
    {
      name: 'CCM minutes overlapping RPM minutes for the same patient',
      dataset: withChange({ staff: [] }, (_d, p) => {
        p.timeEntries.push(
          call('t-a', 'c-rn', '15:00', '15:22'),
          call('t-r', 'c-ma', '15:00', '15:10', 'rpm'),
        );
      }),
    },
  ],
});
