import type { Claim } from '@chronicle/dataset';
import { CODES } from '@chronicle/rules';

// The claims the plan's rules read: those billing Chronic Care Management. G0506 (the
// care-planning add-on to the initiating visit) is left out: it is billed with the visit,
// not for a month of care management.

/** The CCM codes of the catalogue, G0506 left out: the codes the plan's rules are about. */
export const CCM_CODES: readonly string[] = CODES.filter(
  (c) => c.program === 'ccm' && c.code !== 'G0506',
).map((c) => c.code);

const ccm: ReadonlySet<string> = new Set(CCM_CODES);

/** True when a line of the claim bills a CCM code. */
export function billsCcm(claim: Claim): boolean {
  return claim.lines.some((line) => ccm.has(line.code));
}
