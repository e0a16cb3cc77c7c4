import { staffNotClinical } from '../../src/rules/staff-not-clinical.js';
import { ruleTable } from '../support/rule-tester.js';
import { entry, withChange } from '../support/scenario.js';

ruleTable(staffNotClinical, {
  valid: [
    {
      name: 'front-desk minutes not needed: the RN alone reaches 20',
      dataset: withChange({ staff: [22] }, (_d, p) =>
        p.timeEntries.push(entry('t-fd', 'c-fd', '2026-10', 9, 10)),
      ),
    },
    {
      name: 'RN and MA minutes together',
      dataset: withChange({ staff: [12] }, (_d, p) =>
        p.timeEntries.push(entry('t-ma', 'c-ma', '2026-10', 9, 10)),
      ),
    },
  ],
  invalid: [
    {
      name: '12 RN minutes and 10 front-desk minutes billed as 99490',
      dataset: withChange({ staff: [12] }, (_d, p) =>
        p.timeEntries.push(entry('t-fd', 'c-fd', '2026-10', 9, 10)),
      ),
      evidence: { excludedEntryIds: ['t-fd'], excludedSeconds: 600 },
    },
    {
      name: 'a clinical-staff role with a non-clinical credential',
      dataset: withChange({ staff: [12] }, (d, p) => {
        d.clinicians.push({
          id: 'c-x',
          name: 'Scheduler',
          credential: 'non-clinical',
          role: 'clinical-staff',
        });
        p.timeEntries.push(entry('t-x', 'c-x', '2026-10', 9, 10));
      }),
    },
  ],
});
