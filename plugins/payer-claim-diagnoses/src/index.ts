import type { Rule } from '@chronicle/rules';
import { claimDxFewerThanTwoChronic } from './claim-dx-fewer-than-two-chronic.js';

/** A rule pack for payers that check diagnoses on the claim. Pass its rules to `audit`. */
export const payerClaimDiagnoses: { id: string; rules: readonly Rule[] } = {
  id: 'payer',
  rules: [claimDxFewerThanTwoChronic],
};

export { claimDxFewerThanTwoChronic };
