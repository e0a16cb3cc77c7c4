import { timeDuringFacilityStay } from '../../src/rules/time-during-facility-stay.js';
import { ruleTable } from '../support/rule-tester.js';
import { withChange } from '../support/scenario.js';

const stay = (kind: 'inpatient-stay' | 'snf-part-a-stay', date: string, endDate?: string) => ({
  id: 'stay-1',
  date,
  code: '99223',
  clinicianId: 'c-np',
  kind,
  ...(endDate ? { endDate } : {}),
});

ruleTable(timeDuringFacilityStay, {
  valid: [
    {
      name: 'minutes on the day of discharge',
      dataset: withChange({ staff: [12, 10] }, (_d, p) =>
        p.encounters.push(stay('inpatient-stay', '2026-10-03', '2026-10-04')),
      ),
    },
    {
      name: 'a stay that does not touch the minutes',
      dataset: withChange({ staff: [25] }, (_d, p) =>
        p.encounters.push(stay('snf-part-a-stay', '2026-10-10', '2026-10-20')),
      ),
    },
    {
      name: 'stay minutes not needed',
      dataset: withChange({ staff: [10, 25] }, (_d, p) =>
        p.encounters.push(stay('inpatient-stay', '2026-10-01', '2026-10-03')),
      ),
    },
  ],
  invalid: [
    {
      name: '10 of 25 minutes during an inpatient stay',
      dataset: withChange({ staff: [15, 10] }, (_d, p) =>
        p.encounters.push(stay('inpatient-stay', '2026-10-03', '2026-10-06')),
      ),
      evidence: { excludedEntryIds: ['t-s2'] },
    },
    {
      name: 'minutes during a Part A SNF stay',
      dataset: withChange({ staff: [25] }, (_d, p) =>
        p.encounters.push(stay('snf-part-a-stay', '2026-09-28', '2026-10-15')),
      ),
    },
  ],
});
