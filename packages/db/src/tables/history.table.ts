import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type EnrollmentStatus =
  'candidate' | 'invited' | 'enrolled' | 'declined' | 'disenrolled' | 'enrolled-elsewhere';

/** Each change of a patient's enrollment, never updated or deleted. */
export interface EnrollmentEventTable {
  org_id: string;
  id: Generated<number>;
  practice_id: string;
  patient_id: string;
  program: string;
  status: EnrollmentStatus;
  /** The day the change took effect (YYYY-MM-DD). */
  effective_on: string;
  reason: string;
  author_id: string;
  recorded_at: ColumnType<Date, string | undefined, never>;
}

/**
 * The append-only activity log: every read and change of patient data. Each entry's hash
 * covers its content and the hash of the entry before it in the organization's chain.
 */
export interface ActivityLogTable {
  org_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  record_type: string;
  record_id: string;
  fields: JSONColumnType<string[]>;
  prev_hash: string;
  hash: string;
}

export interface AuditRunTable {
  org_id: string;
  id: string;
  practice_id: string;
  started_at: string;
  rules_version: string;
  policy: JSONColumnType<Record<string, unknown>>;
  summary: JSONColumnType<Record<string, unknown>>;
  status: ColumnType<AuditRunStatus, AuditRunStatus | undefined, AuditRunStatus>;
  period_from: string | null;
  period_to: string | null;
  requested_by: string | null;
  progress_done: ColumnType<number, number | undefined, number>;
  progress_total: ColumnType<number, number | undefined, number>;
  finished_at: Date | null;
  error: string | null;
  cancel_requested: ColumnType<boolean, boolean | undefined, boolean>;
  /** The whole report (the JSON format of docs/cli.md), once the run is done. */
  report: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  /** The sample asked for ({ size, seed, stratify? }); null for an audit of every month. */
  sample: JSONColumnType<AuditRunSample | null, string | null | undefined, string | null>;
  /** A sampled run's estimate (the report's `estimate` block), once done. */
  estimate: JSONColumnType<
    Record<string, unknown> | null,
    string | null | undefined,
    string | null
  >;
}

export interface AuditRunSample {
  size: number;
  seed: string;
  stratify?: 'practitioner' | 'amount';
}

export type AuditRunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface AuditFindingTable {
  org_id: string;
  run_id: string;
  patient_id: string;
  month: string;
  billing_practitioner_id: string | null;
  rule_id: string;
  severity: string;
  message: string;
  evidence: JSONColumnType<Record<string, unknown>>;
}
