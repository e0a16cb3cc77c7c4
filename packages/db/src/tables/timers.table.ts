import type { ColumnType } from 'kysely';

/** Which clinician of a practice a user is: the time the user records is that clinician's. */
export interface UserClinicianTable {
  org_id: string;
  user_id: string;
  practice_id: string;
  clinician_id: string;
  linked_at: ColumnType<Date, string | undefined, string>;
  linked_by: string;
}

/** A running timer of a user on a patient: stopping it writes a time entry. */
export interface TimerTable {
  org_id: string;
  user_id: string;
  practice_id: string;
  patient_id: string;
  /** The user's clinician when the timer started: the entry is theirs. */
  clinician_id: string;
  service: string;
  activity: string;
  /** Whole seconds: entries are written to the second. */
  started_at: ColumnType<Date, string, never>;
}
