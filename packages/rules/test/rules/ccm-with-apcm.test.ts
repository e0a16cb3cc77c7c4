import type { Claim } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { ccmWithApcm } from '../../src/rules/ccm-with-apcm.js';
import { findingsFor, ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const claim = (id: string, by: string, dateOfService: string, codes: string[]): Claim => ({
  id,
  dateOfService,
  billingPractitionerId: by,
  status: 'submitted',
  lines: codes.map((code) => ({ code, units: 1 })),
});

const npBills = (codes: string[], month = '2026-10') =>
  withChange({ month }, (_d, p) => p.claims.push(claim('cl-2', 'c-np', `${month}-28`, codes)));

ruleTable(ccmWithApcm, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    { name: 'G0557 alone', dataset: scenario({ lines: [['G0557', 1]] }) },
    {
      name: 'APCM this month and CCM the month before',
      dataset: withChange({ lines: [['G0557', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-09-30', ['99490'])),
      ),
    },
    {
      name: "2024 is before APCM (CODE-NOT-EFFECTIVE's case)",
      month: '2024-12',
      dataset: scenario({
        month: '2024-12',
        lines: [
          ['G0557', 1],
          ['99490', 1],
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'G0557 and 99490 by the same practitioner in 2025, the first year',
      month: '2025-01',
      dataset: scenario({
        month: '2025-01',
        lines: [
          ['G0557', 1],
          ['99490', 1],
        ],
      }),
      evidence: { apcm: 'G0557', bundled: '99490', claimIds: ['cl-1'] },
    },
    {
      name: 'G0556 and PCM 99426 by the same practitioner',
      dataset: scenario({
        staff: [30],
        lines: [
          ['G0556', 1],
          ['99426', 1],
        ],
      }),
      evidence: { apcm: 'G0556', bundled: '99426' },
    },
    {
      name: 'G0558 with 99487 and 99489 on another claim',
      dataset: withChange({ staff: [95], lines: [['G0558', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-10-30', ['99487', '99489'])),
      ),
      evidence: { bundled: '99487, 99489', claimIds: ['cl-1', 'cl-2'] },
    },
    {
      name: 'CCM by the physician while the NP bills APCM: on both months',
      dataset: npBills(['G0557']),
      count: 2,
      evidence: {
        own: '99490',
        otherCodes: 'G0557',
        otherPractitionerIds: ['c-np'],
        otherClaimIds: ['cl-2'],
      },
    },
  ],
});

describe('CCM-WITH-APCM severity of each finding', () => {
  it('same practitioner: error', () => {
    const findings = findingsFor('CCM-WITH-APCM', {
      name: 'same',
      dataset: scenario({
        lines: [
          ['G0557', 1],
          ['99490', 1],
        ],
      }),
    });
    expect(findings.map((f) => f.severity)).toEqual(['error']);
  });
  it('another practitioner: warning, on both months', () => {
    const findings = findingsFor('CCM-WITH-APCM', { name: 'other', dataset: npBills(['G0557']) });
    expect(findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
  });
  it("the warning leaves the month's verdict at warn and nothing at risk", () => {
    const months = audit(npBills(['G0557']), { rules: [ccmWithApcm] }).months;
    expect(months.map((m) => [m.billingPractitionerId, m.verdict, m.amountAtRisk])).toEqual([
      ['c-md', 'warn', 0],
      ['c-np', 'warn', 0],
    ]);
  });
  it('the same-practitioner error fails the month and puts only the bundled lines at risk', () => {
    // 2025: the fee table prices both G0557 and 99490 that year.
    const [month] = audit(
      scenario({
        month: '2025-03',
        lines: [
          ['G0557', 1],
          ['99490', 1],
        ],
      }),
      { rules: [ccmWithApcm] },
    ).months;
    expect(month?.verdict).toBe('fail');
    expect(month?.amountAtRisk).toBeGreaterThan(0);
    expect(month?.amountAtRisk).toBeLessThan(month?.billedAmount ?? 0);
  });
});
