import type { Claim } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { ccmWithPcm } from '../../src/rules/ccm-with-pcm.js';
import { findingsFor, ruleTable } from '../support/rule-tester.js';
import { entry, scenario, withChange } from '../support/scenario.js';

const claim = (id: string, by: string, dateOfService: string, codes: string[]): Claim => ({
  id,
  dateOfService,
  billingPractitionerId: by,
  status: 'submitted',
  lines: codes.map((code) => ({ code, units: 1 })),
});

// The physician bills 99490; a specialist (the NP here) bills 99426 on 30 PCM minutes.
const specialistPcm = (month = '2026-10', code = '99426') =>
  withChange({ month }, (_d, p) => {
    p.timeEntries.push(entry('t-pcm', 'c-rn', month, 9, 30, 'pcm'));
    p.claims.push(claim('cl-2', 'c-np', `${month}-28`, [code]));
  });

ruleTable(ccmWithPcm, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: 'PCM alone',
      dataset: withChange({ staff: [], lines: [['99426', 1]] }, (_d, p) =>
        p.timeEntries.push(entry('t-pcm', 'c-rn', '2026-10', 4, 30, 'pcm')),
      ),
    },
    {
      name: 'PCM by another practitioner under the default policy (allowed)',
      dataset: specialistPcm(),
    },
    {
      name: 'PCM by the same practitioner the month before',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-09-30', ['99426'])),
      ),
    },
  ],
  invalid: [
    {
      name: '99490 and 99426 by the same practitioner',
      dataset: scenario({
        staff: [25, 30],
        lines: [
          ['99490', 1],
          ['99426', 1],
        ],
      }),
      evidence: { ccm: '99490', pcm: '99426', claimIds: ['cl-1'] },
    },
    {
      name: 'G2065 with 99490 in 2020, the first year',
      month: '2020-03',
      dataset: scenario({
        month: '2020-03',
        staff: [25, 30],
        lines: [
          ['99490', 1],
          ['G2065', 1],
        ],
      }),
      evidence: { pcm: 'G2065' },
    },
    {
      name: '99491 with 99424 and 99425 on two claims',
      dataset: withChange({ staff: [], practitioner: [35], lines: [['99491', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-10-25', ['99424', '99425'])),
      ),
      evidence: { ccm: '99491', pcm: '99424, 99425', claimIds: ['cl-1', 'cl-2'] },
    },
    {
      name: 'PCM by another practitioner when the policy says warning: on both months',
      policy: { pcmWithCcmOtherPractitioner: 'warning' },
      dataset: specialistPcm(),
      count: 2,
      evidence: {
        own: '99490',
        otherCodes: '99426',
        otherPractitionerIds: ['c-np'],
        policy: 'warning',
      },
    },
    {
      name: 'PCM by another practitioner when the policy says error',
      policy: { pcmWithCcmOtherPractitioner: 'error' },
      dataset: specialistPcm(),
      count: 2,
      evidence: { policy: 'error' },
    },
  ],
});

describe('CCM-WITH-PCM severity of each finding', () => {
  const severities = (c: Parameters<typeof findingsFor>[1]) =>
    findingsFor('CCM-WITH-PCM', c).map((f) => f.severity);
  it('same practitioner: error', () => {
    expect(
      severities({
        name: 'same',
        dataset: scenario({
          staff: [25, 30],
          lines: [
            ['99490', 1],
            ['99426', 1],
          ],
        }),
      }),
    ).toEqual(['error']);
  });
  it("another practitioner: the policy's severity on both months", () => {
    expect(
      severities({
        name: 'warning',
        policy: { pcmWithCcmOtherPractitioner: 'warning' },
        dataset: specialistPcm(),
      }),
    ).toEqual(['warning', 'warning']);
    expect(
      severities({
        name: 'error',
        policy: { pcmWithCcmOtherPractitioner: 'error' },
        dataset: specialistPcm(),
      }),
    ).toEqual(['error', 'error']);
  });
  it('does not apply in 2019, before PCM', () => {
    expect(
      severities({
        name: '2019',
        month: '2019-10',
        policy: { pcmWithCcmOtherPractitioner: 'error' },
        dataset: specialistPcm('2019-10', 'G2065'),
      }),
    ).toEqual([]);
  });
});
