import type { Dataset } from '@chronicle/dataset';
import { DEFAULT_POLICY, type Policy } from '../policy.js';
import type { BillingProposal, PatientProposal } from '../report/report-schema.js';
import { prepare } from './audit.js';
import { hasCareTimeIn, patientProposal } from './patient-month.js';
import type { Rule } from './rule.js';
import { RULES_VERSION } from './rules-version.js';

export interface BillOptions {
  policy?: Policy;
  rules: readonly Rule[];
}

/**
 * Proposes the claim lines each patient's documentation supports for a month, for every
 * patient with care-management time in it, with what blocks billing and the next step.
 */
export function proposeForMonth(
  dataset: Dataset,
  month: string,
  options: BillOptions,
): BillingProposal {
  const policy = options.policy ?? DEFAULT_POLICY;
  const { patientEnvOf } = prepare(dataset, policy);
  const patients: PatientProposal[] = [];
  for (const patient of dataset.patients) {
    const penv = patientEnvOf(patient);
    if (hasCareTimeIn(penv, month)) patients.push(patientProposal(penv, month, options.rules));
  }
  return {
    format: 'ccm-billing-proposal',
    version: 1,
    rulesVersion: RULES_VERSION,
    month,
    patients,
  };
}
