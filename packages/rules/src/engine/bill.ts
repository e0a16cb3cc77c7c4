import type { Dataset } from '@chronicle/dataset';
import { wholeMinutes } from '../evaluate/month-minutes.js';
import { DEFAULT_POLICY, type Policy } from '../policy.js';
import type { BillingProposal, PatientProposal } from '../report/report-schema.js';
import { prepare } from './audit.js';
import { proposeMonth } from './propose.js';
import { responsiblePractitioner } from './responsible-practitioner.js';
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
  const { env, patientEnvOf } = prepare(dataset, policy);
  const patients: PatientProposal[] = [];
  for (const patient of dataset.patients) {
    const penv = patientEnvOf(patient);
    const inMonth = penv.viewsIn(month);
    if (
      !inMonth.some(
        (v) => v.localMonth === month && (v.entry.service === 'ccm' || v.entry.service === 'pcm'),
      )
    )
      continue;
    const practitionerId = responsiblePractitioner(patient, month, env.clinicians);
    const claims = patient.claims.filter((c) => c.status !== 'denied');
    const result = proposeMonth(penv, month, practitionerId, claims, options.rules);
    const blockers = result.blockers.map((f) => ({
      ruleId: f.ruleId,
      message: f.message,
      evidence: f.evidence,
    }));
    if (practitionerId === undefined) {
      blockers.push({
        ruleId: 'NO-BILLING-PRACTITIONER',
        message: 'No consent or visit names a practitioner who would bill this month.',
        evidence: {},
      });
    }
    patients.push({
      patientId: patient.id,
      billingPractitionerId: practitionerId ?? null,
      countableMinutes: {
        clinicalStaff: wholeMinutes(result.minutes.clinicalStaffSeconds),
        practitioner: wholeMinutes(result.minutes.practitionerSeconds),
      },
      lines: blockers.length > 0 ? [] : result.lines,
      dateOfService: blockers.length > 0 ? null : result.dateOfService,
      blockers,
      warnings: result.warnings.map((f) => ({
        ruleId: f.ruleId,
        message: f.message,
        evidence: f.evidence,
      })),
      ...(result.next ? { next: result.next } : {}),
    });
  }
  return {
    format: 'ccm-billing-proposal',
    version: 1,
    rulesVersion: RULES_VERSION,
    month,
    patients,
  };
}
