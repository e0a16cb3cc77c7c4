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
    {
      name: 'no visit at all is INIT-VISIT-MISSING, not this rule',
      dataset: withChange({}, (_d, p) => {
        p.encounters = [];
      }),
    },
    {
      name: '2026: an established patient needs no initiating visit, so a 99211 at consent is fine',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = '99211';
        p.encounters.push({
          ...structuredClone(p.encounters[0]!),
          id: 'enc-0',
          date: '2026-03-01',
          code: '99213',
        });
      }),
    },
    {
      name: 'a 99211 and a qualifying 99213 both after CCM began: the 99213 initiates it',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = '99211';
        p.encounters.push({
          ...structuredClone(p.encounters[0]!),
          id: 'enc-2',
          date: '2026-08-01',
          code: '99213',
          ccmDiscussed: false,
        });
      }),
    },
  ],
  invalid: [
    {
      name: 'a level 1 nurse visit 99211',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = '99211';
      }),
      evidence: { candidateVisitIds: ['enc-1'], visitId: 'enc-1', code: '99211' },
    },
    {
      name: 'two non-qualifying visits: the one flagged as discussing CCM is reported',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = '99211';
        p.encounters.push({
          ...structuredClone(p.encounters[0]!),
          id: 'enc-2',
          date: '2026-08-01',
          code: '99211',
          ccmDiscussed: false,
        });
      }),
      evidence: { visitId: 'enc-1', candidateVisitIds: ['enc-1', 'enc-2'] },
    },
    {
      name: 'two non-qualifying visits, none flagged: the latest is reported',
      dataset: withChange({}, (_d, p) => {
        p.encounters[0]!.code = '99211';
        p.encounters[0]!.ccmDiscussed = false;
        p.encounters.push({
          ...structuredClone(p.encounters[0]!),
          id: 'enc-2',
          date: '2026-08-01',
          code: '99211',
        });
      }),
      evidence: { visitId: 'enc-2' },
    },
    {
      name: 'a TCM visit 99495 in 2016, before TCM qualified',
      month: '2016-06',
      dataset: withChange({ month: '2016-06' }, (_d, p) => {
        p.encounters[0]!.code = '99495';
      }),
      evidence: { code: '99495', tcm: '' },
    },
  ],
});
