import type { Claim } from '@chronicle/dataset';
import { ccmMultiPractitioner } from '../../src/rules/ccm-multi-practitioner.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const claim = (
  id: string,
  by: string,
  dateOfService: string,
  codes: string[],
  status: Claim['status'] = 'submitted',
): Claim => ({
  id,
  dateOfService,
  billingPractitionerId: by,
  status,
  lines: codes.map((code) => ({ code, units: 1 })),
});

// Findings are read over both practitioners' months of the patient.
ruleTable(ccmMultiPractitioner, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: 'the NP bills an office visit, not CCM, in the month',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-14', ['99213'])),
      ),
    },
    {
      name: 'the NP bills CCM for the month before',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-09-30', ['99490'])),
      ),
    },
    {
      name: "the NP's CCM claim was denied",
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-31', ['99490'], 'denied')),
      ),
    },
    {
      name: "G0506 with the NP's initiating visit is not monthly CCM",
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-08', ['99214', 'G0506'])),
      ),
    },
    {
      name: "the NP bills PCM, not CCM (CCM-WITH-PCM's case)",
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-31', ['99426'])),
      ),
    },
  ],
  invalid: [
    {
      name: 'the physician and the NP each bill 99490: one finding on each month',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-31', ['99490'])),
      ),
      count: 2,
      evidence: {
        otherPractitionerIds: ['c-np'],
        otherClaimIds: ['cl-2'],
        others: 'NP Two',
        otherCodes: '99490',
      },
    },
    {
      name: 'a different CCM code by the other practitioner (99491)',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-20', ['99491'])),
      ),
      evidence: { otherCodes: '99491' },
    },
    {
      name: 'an add-on alone by the other practitioner still is CCM',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-20', ['99439'])),
      ),
    },
    {
      name: 'in 2015, the first CCM year',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2015-06-30', ['99490'])),
      ),
      count: 2,
    },
  ],
});
