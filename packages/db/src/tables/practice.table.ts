import type { Generated, JSONColumnType } from 'kysely';

// The dataset's records, one table each. Every table keeps the record exactly as the
// dataset gave it in `data` (so that export gives back the same document) beside the
// columns that queries filter and join on; `ord` keeps each list's order. A record's
// `version` rises with every change (optimistic concurrency).

type Data = JSONColumnType<Record<string, unknown>>;

interface Row {
  org_id: string;
  practice_id: string;
  data: Data;
  version: Generated<number>;
}

export interface PracticeTable {
  org_id: string;
  id: string;
  name: string;
  timezone: string;
  data: Data;
  version: Generated<number>;
}

export interface ClinicianTable extends Row {
  id: string;
  ord: number;
  role: string;
}

export interface PatientTable extends Row {
  id: string;
  ord: number;
}

interface PatientChild extends Row {
  patient_id: string;
  ord: number;
}

/** Coverage periods have no id of their own: they are keyed by their place in the list. */
export type CoverageTable = PatientChild;

export interface ConditionTable extends PatientChild {
  id: string;
}

export interface EncounterTable extends PatientChild {
  id: string;
  date: string;
  kind: string;
}

export interface ConsentTable extends PatientChild {
  id: string;
  date: string;
}

export interface CarePlanEventTable extends PatientChild {
  id: string;
  date: string;
}

export interface TimeEntryTable extends PatientChild {
  id: string;
  clinician_id: string;
  /** The instant as epoch milliseconds, for ordering and month ranges. */
  start_ms: number;
  end_ms: number;
}

export interface ClaimTable extends PatientChild {
  id: string;
  date_of_service: string;
  billing_practitioner_id: string;
}

/** Claim lines are keyed by their place on the claim. */
export interface ClaimLineTable extends PatientChild {
  claim_id: string;
  code: string;
  units: number;
}
