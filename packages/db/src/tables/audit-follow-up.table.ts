import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Where a corrective-action item stands; `verified` needs a passing re-test. */
export type CorrectiveActionStatus = 'open' | 'in-progress' | 'done' | 'verified';

/** A re-test's verdict on a rule: no finding of it in the months it failed, or some. */
export type RetestResult = 'pass' | 'fail';

/**
 * One item of an audit run's corrective-action plan: what the practice does about one rule
 * that has findings in the run, who owns it and by when, and whether a later run shows it
 * fixed. One item per run and rule.
 */
export interface CorrectiveActionTable {
  org_id: string;
  id: string;
  practice_id: string;
  run_id: string;
  rule_id: string;
  /** A user of the organization, checked when set. */
  owner_id: string | null;
  /** YYYY-MM-DD. */
  due_on: string | null;
  status: ColumnType<CorrectiveActionStatus, CorrectiveActionStatus | undefined>;
  /** What is to be done: the rule's recommended action unless someone edited it. */
  action: string;
  notes: ColumnType<string, string | undefined>;
  retest_run_id: string | null;
  retest_result: RetestResult | null;
  /** The later run's findings of the rule in the months the rule failed. */
  retest_findings: number | null;
  retested_at: Date | null;
  retested_by: string | null;
  created_by: string;
  created_at: ColumnType<Date, string, never>;
  updated_at: ColumnType<Date, string, string>;
  version: Generated<number>;
}

/**
 * The follow-up of a patient-month found in error after its claim was submitted or paid:
 * when the overpayment was identified, quantified and refunded. Amounts are in cents.
 * One case per patient-month and billing practitioner, whichever run found it.
 */
export interface OverpaymentFollowUpTable {
  org_id: string;
  id: string;
  practice_id: string;
  /** The run whose error finding opened the case. */
  run_id: string;
  patient_id: string;
  /** YYYY-MM. */
  month: string;
  billing_practitioner_id: string;
  /** The submitted or paid claims of the patient-month when the case was opened. */
  claim_ids: JSONColumnType<string[]>;
  identified_on: string;
  /** The end of a good-faith investigation of related overpayments, which delays the clock. */
  investigation_ends_on: string | null;
  quantified_on: string | null;
  quantified_cents: number | null;
  refunded_on: string | null;
  refunded_cents: number | null;
  refund_reference: string | null;
  notes: ColumnType<string, string | undefined>;
  opened_by: string;
  created_at: ColumnType<Date, string, never>;
  updated_at: ColumnType<Date, string, string>;
  version: Generated<number>;
}
