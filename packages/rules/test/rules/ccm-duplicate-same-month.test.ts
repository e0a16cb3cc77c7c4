import type { Claim } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { ccmDuplicateSameMonth } from '../../src/rules/ccm-duplicate-same-month.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const claim = (
  id: string,
  by: string,
  dateOfService: string,
  code: string,
  status: Claim['status'] = 'submitted',
): Claim => ({ id, dateOfService, billingPractitionerId: by, status, lines: [{ code, units: 1 }] });

ruleTable(ccmDuplicateSameMonth, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: 'add-on units are not duplicates: 99490 with 99439 x2',
      dataset: scenario({
        staff: [65],
        lines: [
          ['99490', 1],
          ['99439', 2],
        ],
      }),
    },
    {
      name: 'a second 99490 claim that was denied',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-10-20', '99490', 'denied')),
      ),
    },
    {
      name: '99490 by another practitioner is CCM-MULTI-PRACTITIONER, not a duplicate',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-31', '99490')),
      ),
    },
    {
      name: '99490 in consecutive months',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-09-30', '99490')),
      ),
    },
  ],
  invalid: [
    {
      name: '99490 x2 on one claim',
      dataset: scenario({ lines: [['99490', 2]] }),
      evidence: { code: '99490', units: 2, extraUnits: 1, claimIds: ['cl-1'] },
    },
    {
      name: '99490 on two claims in the month',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-10-12', '99490')),
      ),
      evidence: { units: 2, claimIds: ['cl-1', 'cl-2'] },
    },
    {
      name: '99487 twice',
      dataset: withChange({ staff: [65], lines: [['99487', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-10-30', '99487')),
      ),
      evidence: { code: '99487' },
    },
    {
      name: '99491 x3 in 2019',
      month: '2019-04',
      dataset: scenario({ month: '2019-04', staff: [], practitioner: [35], lines: [['99491', 3]] }),
      evidence: { code: '99491', extraUnits: 2 },
    },
    {
      name: 'a draft claim beside the submitted one still counts',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-10-31', '99490', 'draft')),
      ),
    },
    {
      name: 'in 2015, the first CCM year',
      month: '2015-03',
      dataset: scenario({ month: '2015-03', lines: [['99490', 2]] }),
    },
  ],
});

describe('CCM-DUPLICATE-SAME-MONTH amount at risk', () => {
  it('puts only the extra unit at risk, not the whole month', () => {
    // This rule alone, so no other rule's finding decides the amount.
    const [month] = audit(scenario({ lines: [['99490', 2]] }), {
      rules: [ccmDuplicateSameMonth],
    }).months;
    expect(month?.findings.map((f) => f.ruleId)).toEqual(['CCM-DUPLICATE-SAME-MONTH']);
    expect(month?.billedAmount).toBeGreaterThan(0);
    expect(month?.amountAtRisk).toBeCloseTo((month?.billedAmount ?? 0) / 2, 2);
  });
});
