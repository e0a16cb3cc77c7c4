import type { Dataset } from '@chronicle/dataset';
import { auditDataset } from './engine/audit.js';
import {
  createAuditor as createAuditorFor,
  type Auditor,
  type AuditorOptions,
} from './engine/auditor.js';
import { proposeForMonth } from './engine/bill.js';
import {
  proposePatientMonth as proposeOnePatientMonth,
  type PatientMonthInput,
} from './engine/patient-month.js';
import type { Rule } from './engine/rule.js';
import type { Policy } from './policy.js';
import type { AuditReport, BillingProposal, PatientProposal } from './report/report-schema.js';
import { cmsRules } from './rules/index.js';

export interface AuditOptions {
  /** First month audited, YYYY-MM (inclusive). */
  from?: string;
  /** Last month audited, YYYY-MM (inclusive). */
  to?: string;
  policy?: Policy;
  /** The rules to run; the CMS catalogue by default. Plugins add theirs here. */
  rules?: readonly Rule[];
  /** Called after each patient, for a progress display: patients done, patients in all. */
  onPatient?: (done: number, total: number) => void;
}

/** Audits every billed patient-month of a dataset against the rule catalogue. */
export function audit(dataset: Dataset, options: AuditOptions = {}): AuditReport {
  return auditDataset(dataset, { ...options, rules: options.rules ?? cmsRules });
}

/**
 * An audit fed one patient at a time (a stored practice read in pages): the months of
 * each patient come back at once, and `finish` gives the period and summary. Patients
 * must come in the dataset's order for the report to equal `audit`'s.
 */
export function createAuditor(
  options: Omit<AuditorOptions, 'rules'> & { rules?: readonly Rule[] },
): Auditor {
  return createAuditorFor({ ...options, rules: options.rules ?? cmsRules });
}

/** Proposes the claim lines each patient's documentation supports for a month. */
export function proposeBilling(
  dataset: Dataset,
  month: string,
  options: { policy?: Policy; rules?: readonly Rule[] } = {},
): BillingProposal {
  return proposeForMonth(dataset, month, { ...options, rules: options.rules ?? cmsRules });
}

/**
 * One patient's proposal for a month (what `proposeBilling` gives for the patient), from
 * the practice, its clinicians and a clinician-overlap index instead of the whole dataset:
 * the month status a care manager sees. Computed whether or not the patient has time in
 * the month (`proposeBilling` lists only patients with CCM or PCM time starting in it).
 */
export function proposePatientMonth(
  input: Omit<PatientMonthInput, 'rules'> & { rules?: readonly Rule[] },
): PatientProposal {
  return proposeOnePatientMonth({ ...input, rules: input.rules ?? cmsRules });
}

export { cmsRules } from './rules/index.js';
export {
  monthEntryWindow,
  practiceDateAt,
  type PatientMonthInput,
} from './engine/patient-month.js';
export { chronicConditionsIn, type MonthCondition } from './engine/month-conditions.js';
export {
  assembleReport,
  type Auditor,
  type AuditorOptions,
  type ReportHead,
  type ReportTail,
} from './engine/auditor.js';
export {
  clinicianOverlaps,
  OVERLAP_LOOKBACK_MS,
  type OverlapIndex,
  type OverlapMark,
} from './evaluate/overlap-index.js';
export {
  createOverlapIndexBuilder,
  type OverlapEntry,
  type OverlapIndexBuilder,
} from './evaluate/overlap-stream.js';
export { defineRule, formatMessage, severityIn, appliesIn, yearsLabel } from './engine/rule.js';
export type {
  Rule,
  RuleMeta,
  FindingReport,
  Reporter,
  AtRiskLine,
  SeverityPeriod,
} from './engine/rule.js';
export type { MonthContext, BilledLine, ActiveCondition } from './engine/month-context.js';
export { SOURCES, sourceUrl, type Source, type SourceKey } from './engine/sources.js';
export { RULES_VERSION } from './engine/rules-version.js';
export { ruleList, type RuleSummary } from './engine/rule-list.js';
export { summarize } from './engine/summary.js';
export { policySchema, DEFAULT_POLICY, type Policy, type PolicyInput } from './policy.js';
export * from './report/report-schema.js';
export { CODES, codeDefinition, type CodeDefinition } from './codes/code-catalogue.js';
export {
  FEES,
  FEE_SCHEDULE_NAME,
  MEDICARE_SHARE,
  feeEntry,
  settingFor,
  unitFee,
  type FeeEntry,
  type Setting,
} from './fees/fee-schedule.js';
export {
  classifyCondition,
  type ChronicClassification,
  type CodeSystem,
} from './codesets/chronic-conditions.js';
export { firstDay, lastDay } from './time/calendar.js';
export {
  calculateRevenue,
  revenueInputSchema,
  DEFAULT_MIX,
  BUNDLES,
  type RevenueInput,
  type RevenueResult,
  type Bundle,
  type CodeRevenue,
  type MonthRevenue,
  type Split,
} from './revenue/revenue.js';
