import { dxFewerThanTwoChronic } from '../../src/rules/dx-fewer-than-two-chronic.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

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
      name: 'PCM is not held to two conditions',
      dataset: withChange({ staff: [35], lines: [['99426', 1]] }, (_d, p) => {
        p.timeEntries[0]!.service = 'pcm';
        p.conditions.pop();
      }),
    },
  ],
  invalid: [
    {
      name: 'one chronic condition',
      dataset: withChange({}, (_d, p) => {
        p.conditions.pop();
      }),
      evidence: { count: 1 },
    },
    {
      name: 'an acute code is not chronic (pharyngitis J02.9)',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1] = { id: 'dx-2', system: 'icd-10-cm', code: 'J02.9' };
      }),
    },
    {
      name: 'a clinician marked a condition not chronic',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1]!.chronic = false;
      }),
    },
    {
      name: 'a condition that abated before the month',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1]!.abatement = '2026-09-15';
      }),
    },
    {
      name: 'a condition with onset after the month',
      dataset: withChange({}, (_d, p) => {
        p.conditions[1]!.onset = '2026-11-02';
      }),
    },
    {
      name: 'APCM G0557 with one chronic condition',
      month: '2025-06',
      dataset: withChange({ month: '2025-06', lines: [['G0557', 1]] }, (_d, p) => {
        p.conditions.pop();
      }),
    },
  ],
});
