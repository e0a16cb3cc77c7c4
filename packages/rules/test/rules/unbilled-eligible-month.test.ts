import { unbilledEligibleMonth } from '../../src/rules/unbilled-eligible-month.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(unbilledEligibleMonth, {
  valid: [
    { name: 'the month is billed', dataset: scenario({ staff: [25] }) },
    { name: '15 minutes and no claim', dataset: scenario({ staff: [15], lines: [] }) },
    {
      name: '25 minutes and no claim, but no consent',
      dataset: withChange({ staff: [25], lines: [] }, (_d, p) => {
        p.consents = [];
      }),
    },
  ],
  invalid: [
    {
      name: '25 minutes, everything documented, no claim',
      dataset: scenario({ staff: [25], lines: [] }),
      evidence: { proposedLines: [{ code: '99490', units: 1 }] },
    },
  ],
});
