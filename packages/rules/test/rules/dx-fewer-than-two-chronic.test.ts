import { dxFewerThanTwoChronic } from '../../src/rules/dx-fewer-than-two-chronic.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

// Only the conditions change from case to case; the codes billed decide whether the
// two-condition test applies at all (CCM and APCM G0557/G0558: yes; G0556 and PCM: no).
const oneChronic = (options: Parameters<typeof withChange>[0] = {}) =>
  withChange(options, (_d, p) => {
    p.conditions.pop();
  });

ruleTable(dxFewerThanTwoChronic, {
  valid: [
    { name: 'two conditions flagged chronic', dataset: scenario() },
    {
      name: 'two chronic conditions found in the code sets (no flag)',
      dataset: withChange({}, (_d, p) => {
        for (const c of p.conditions) delete c.chronic;
      }),
    },
    {
      name: 'SNOMED problem-list codes from the curated list',
      dataset: withChange({}, (_d, p) => {
        p.conditions = [
          { id: 's1', system: 'snomed', code: '38341003' },
          { id: 's2', system: 'snomed', code: '44054006' },
        ];
      }),
    },
    {
      name: 'a clinician flags a code the lists miss as chronic',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1] = { id: 'dx-2', system: 'icd-10-cm', code: 'J02.9', chronic: true };
      }),
    },
    {
      name: 'a condition that abated during the month still counts for it',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1]!.abatement = '2026-10-01';
      }),
    },
    {
      name: 'a condition with onset on the last day of the month counts',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1]!.onset = '2026-10-31';
      }),
    },
    {
      name: 'PCM is not held to two conditions',
      dataset: withChange({ staff: [35], lines: [['99426', 1]] }, (_d, p) => {
        p.timeEntries[0]!.service = 'pcm';
        p.conditions.pop();
      }),
    },
    {
      name: 'APCM level 1 (G0556) is not held to two conditions',
      month: '2025-06',
      dataset: oneChronic({ month: '2025-06', staff: [], lines: [['G0556', 1]] }),
    },
  ],
  invalid: [
    {
      name: 'one chronic condition, evidence listing it with its basis',
      dataset: oneChronic(),
      evidence: {
        code: '99490',
        count: 1,
        activeConditions: [{ id: 'dx-1', code: 'I10', chronic: true, basis: 'override' }],
      },
    },
    {
      name: 'an acute code is not chronic (pharyngitis J02.9), shown with basis none',
      dataset: withChange({}, (_d, p) => {
        for (const c of p.conditions) delete c.chronic;
        p.conditions[1] = { id: 'dx-2', system: 'icd-10-cm', code: 'J02.9' };
      }),
      evidence: {
        activeConditions: [
          { id: 'dx-1', chronic: true, basis: 'ccw', category: 'hypertension' },
          { id: 'dx-2', chronic: false, basis: 'none' },
        ],
      },
    },
    {
      name: 'a clinician marked a condition not chronic (the flag beats the CCW)',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1]!.chronic = false;
      }),
      evidence: {
        activeConditions: [
          { id: 'dx-1' },
          { id: 'dx-2', chronic: false, basis: 'override', category: 'diabetes' },
        ],
      },
    },
    {
      name: 'a condition that abated before the month is not active',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1]!.abatement = '2026-09-30';
      }),
      evidence: { count: 1, activeConditions: [{ id: 'dx-1' }] },
    },
    {
      name: 'a condition with onset after the month is not active',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1]!.onset = '2026-11-01';
      }),
    },
    {
      name: 'no conditions at all',
      dataset: withChange({}, (_d, p) => {
        p.conditions = [];
      }),
      evidence: { count: 0, activeConditions: [] },
    },
    {
      name: '99491 (personal CCM) with one chronic condition',
      dataset: oneChronic({ staff: [], practitioner: [30], lines: [['99491', 1]] }),
      evidence: { code: '99491' },
    },
    {
      name: 'complex CCM 99487 with one chronic condition',
      dataset: oneChronic({ staff: [30, 30], lines: [['99487', 1]] }),
      evidence: { code: '99487' },
    },
    {
      name: 'first service year: 99490 in 2015 with one chronic condition',
      month: '2015-06',
      dataset: oneChronic({ month: '2015-06' }),
    },
    {
      name: 'APCM G0557 with one chronic condition',
      month: '2025-06',
      dataset: oneChronic({ month: '2025-06', staff: [], lines: [['G0557', 1]] }),
      evidence: { code: 'G0557' },
    },
    {
      name: 'APCM G0558 with one chronic condition',
      month: '2025-06',
      dataset: oneChronic({ month: '2025-06', staff: [], lines: [['G0558', 1]] }),
      evidence: { code: 'G0558' },
    },
  ],
});
