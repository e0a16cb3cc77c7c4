import type { Generated, JSONColumnType } from 'kysely';

/** The records an amendment can change: the ones a closed month rests on. */
export type AmendedRecordType = 'time_entry' | 'consent' | 'care_plan_event';

/**
 * A closed patient-month, kept as a decision record: the dataset the audit read (`inputs`),
 * the rules version and policy it ran with, and the audited months it gave (`outcome`).
 * One close covers the whole patient-month, whoever billed it: the records it rests on
 * belong to the patient, not to a practitioner.
 */
export interface MonthCloseTable {
  org_id: string;
  practice_id: string;
  patient_id: string;
  /** YYYY-MM. */
  month: string;
  /** The month's billing practitioner when the outcome has exactly one; null otherwise. */
  billing_practitioner_id: string | null;
  closed_at: string;
  closed_by: string;
  rules_version: string;
  policy: JSONColumnType<Record<string, unknown>>;
  inputs: JSONColumnType<Record<string, unknown>>;
  outcome: JSONColumnType<Array<Record<string, unknown>>>;
}

/** A change to a stored record, with both versions, its author and reason; never updated. */
export interface AmendmentTable {
  org_id: string;
  id: Generated<number>;
  practice_id: string;
  patient_id: string;
  record_type: AmendedRecordType;
  record_id: string;
  before: JSONColumnType<Record<string, unknown>>;
  after: JSONColumnType<Record<string, unknown>>;
  author: string;
  at: string;
  reason: string;
}
