import type { Patient } from '@chronicle/dataset';
import { pcmNoQualifyingCondition } from '../../src/rules/pcm-no-qualifying-condition.js';
import { ruleTable } from '../support/rule-tester.js';
import { withChange } from '../support/scenario.js';

const pcm = (change: (p: Patient) => void) =>
  withChange({ staff: [35], lines: [['99426', 1]] }, (_d, p) => {
    p.timeEntries[0]!.service = 'pcm';
    p.consents[0]!.program = 'pcm';
    change(p);
  });

ruleTable(pcmNoQualifyingCondition, {
  valid: [
    {
      name: 'heart failure recorded chronic and high-risk',
      dataset: pcm((p) => {
        p.conditions[0]!.highRisk = true;
      }),
    },
  ],
  invalid: [
    {
      name: 'no condition marked high-risk',
      dataset: pcm(() => {}),
      evidence: { activeConditionIds: ['dx-1', 'dx-2'] },
    },
    {
      name: 'the high-risk condition is not chronic',
      dataset: pcm((p) => {
        p.conditions = [{ id: 'a', system: 'icd-10-cm', code: 'J02.9', highRisk: true }];
      }),
    },
  ],
});
