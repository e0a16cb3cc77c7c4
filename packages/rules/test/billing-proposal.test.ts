import { describe, expect, it } from 'vitest';
import { proposeBilling } from '../src/index.js';
import { patientOf, scenario } from './support/scenario.js';

describe('billing proposals', () => {
  // Found in review of the same-month rules: the practitioner's own TCM claim of the month
  // must stand beside the draft, or CCM-WITH-TCM can never block a proposal.
  it('blocks CCM in a 2019 month where the same physician billed TCM', () => {
    const d = scenario({ month: '2019-03', staff: [25], lines: [] });
    patientOf(d).claims.push({
      id: 'tcm-1',
      dateOfService: '2019-03-12',
      billingPractitionerId: 'c-md',
      status: 'paid',
      lines: [{ code: '99495', units: 1 }],
    });
    const p = proposeBilling(d, '2019-03').patients[0];
    expect(p?.lines).toEqual([]);
    expect(p?.blockers.map((b) => b.ruleId)).toContain('CCM-WITH-TCM');
  });

  it('proposes CCM beside TCM from 2020, when the two may share a month', () => {
    const d = scenario({ month: '2020-03', staff: [25], lines: [] });
    patientOf(d).claims.push({
      id: 'tcm-1',
      dateOfService: '2020-03-12',
      billingPractitionerId: 'c-md',
      status: 'paid',
      lines: [{ code: '99495', units: 1 }],
    });
    expect(proposeBilling(d, '2020-03').patients[0]?.lines).toEqual([{ code: '99490', units: 1 }]);
  });

  it("replaces the practitioner's existing CCM claim of the month rather than counting it twice", () => {
    const d = scenario({ staff: [25] });
    const p = proposeBilling(d, '2026-10').patients[0];
    expect(p?.lines).toEqual([{ code: '99490', units: 1 }]);
    expect(p?.blockers).toEqual([]);
  });
});
