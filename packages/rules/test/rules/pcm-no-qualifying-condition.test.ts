import type { Patient } from '@chronicle/dataset';
import { pcmNoQualifyingCondition } from '../../src/rules/pcm-no-qualifying-condition.js';
import { ruleTable } from '../support/rule-tester.js';
import { entry, scenario, withChange, type ScenarioOptions } from '../support/scenario.js';

// A PCM month (35 minutes of RN time tagged PCM, PCM consent) whose conditions each case
// changes; the scenario's two conditions are chronic but not marked high-risk.
const pcm = (change: (p: Patient) => void, options: ScenarioOptions = {}) =>
  withChange({ staff: [], lines: [['99426', 1]], ...options }, (_d, p) => {
    const month = options.month ?? '2026-10';
    p.timeEntries.push(entry('t-pcm', 'c-rn', month, 2, 35, 'pcm'));
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
    {
      name: 'high-risk condition found chronic by the code sets (no flag)',
      dataset: pcm((p) => {
        p.conditions = [{ id: 'hf', system: 'icd-10-cm', code: 'I50.9', highRisk: true }];
      }),
    },
    {
      name: 'a 3-to-12-month condition the clinician flagged chronic and high-risk',
      dataset: pcm((p) => {
        p.conditions = [
          { id: 'a', system: 'icd-10-cm', code: 'J02.9', chronic: true, highRisk: true },
        ];
      }),
    },
    {
      name: 'a CCM month is not read for high risk',
      dataset: scenario(),
    },
    {
      name: 'before 2020 the rule does not apply (G2065 in 2019 is CODE-NOT-EFFECTIVE)',
      month: '2019-06',
      dataset: pcm(() => {}, { month: '2019-06', lines: [['G2065', 1]] }),
    },
  ],
  invalid: [
    {
      name: 'no condition marked high-risk, evidence showing both halves per condition',
      dataset: pcm(() => {}),
      evidence: {
        code: '99426',
        activeConditions: [
          { id: 'dx-1', chronic: true, highRisk: false },
          { id: 'dx-2', chronic: true, highRisk: false },
        ],
      },
    },
    {
      name: 'the high-risk condition is not chronic',
      dataset: pcm((p) => {
        p.conditions = [{ id: 'a', system: 'icd-10-cm', code: 'J02.9', highRisk: true }];
      }),
      evidence: { activeConditions: [{ id: 'a', chronic: false, basis: 'none', highRisk: true }] },
    },
    {
      name: 'the clinician flagged the high-risk condition not chronic',
      dataset: pcm((p) => {
        p.conditions[0]!.highRisk = true;
        p.conditions[0]!.chronic = false;
      }),
    },
    {
      name: 'the high-risk condition abated before the month',
      dataset: pcm((p) => {
        p.conditions[0]!.highRisk = true;
        p.conditions[0]!.abatement = '2026-09-30';
      }),
      evidence: { activeConditions: [{ id: 'dx-2' }] },
    },
    {
      name: 'first PCM year: G2065 in 2020 with no high-risk condition',
      month: '2020-03',
      dataset: pcm(() => {}, { month: '2020-03', lines: [['G2065', 1]] }),
      evidence: { code: 'G2065' },
    },
    {
      name: 'practitioner PCM 99424 with no high-risk condition',
      dataset: withChange({ staff: [], lines: [['99424', 1]] }, (_d, p) => {
        p.timeEntries.push(entry('t-pcm', 'c-md', '2026-10', 3, 30, 'pcm'));
        p.consents[0]!.program = 'pcm';
      }),
      evidence: { code: '99424' },
    },
  ],
});
