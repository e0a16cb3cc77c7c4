import { initVisitNonqualifying } from '../../src/rules/init-visit-nonqualifying.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(initVisitNonqualifying, {
  valid: [
    { name: 'a 99214 office visit', dataset: scenario() },
    {
      name: 'an annual wellness visit G0438',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = 'G0438';
      }),
    },
    {
      name: 'a TCM visit 99495 in 2017',
      month: '2017-06',
      dataset: withChange({ month: '2017-06' }, (_d, p) => {
        p.encounters[0]!.code = '99495';
      }),
    },
  ],
  invalid: [
    {
      name: 'a level 1 nurse visit 99211',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = '99211';
      }),
      evidence: { candidateVisitIds: ['enc-1'] },
    },
    {
      name: 'a TCM visit 99495 in 2016, before TCM qualified',
      month: '2016-06',
      dataset: withChange({ month: '2016-06' }, (_d, p) => {
        p.encounters[0]!.code = '99495';
      }),
    },
  ],
});
